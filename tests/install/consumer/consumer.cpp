// Loads a scenario through the installed headers and library: the install's headers, library
// and the dependencies its CMake package names are complete.
#include <iostream>

#include "truce/io/scenario_file.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const truce::Scenario s = truce::load_scenario_file(argv[1]);
  std::cout << s.actors.size() << " actors, " << s.issues.size() << " issues\n";
  return 0;
}
