#include "truce/io/scenario_file.hpp"

#include <filesystem>

#include "truce/io/actor_table_csv.hpp"
#include "truce/io/bdm_table_csv.hpp"
#include "truce/io/decide_text.hpp"
#include "truce/io/deu_table_csv.hpp"
#include "truce/io/input_text.hpp"
#include "truce/io/scenario_yaml.hpp"

namespace truce {

Scenario load_scenario_file(const std::string& path) {
  const std::string text = read_input_file(path);
  auto extension = std::filesystem::path(path).extension().string();
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // The Decide exchange-model format goes by content: its files end in .txt or .csv.
  if (is_decide_text(text)) return parse_decide_text(text, path);
  if ((extension == ".csv" || extension == ".txt") && is_deu_table_csv(text)) return parse_deu_table_csv(text, path);
  if (extension == ".csv" && is_bdm_table_csv(text)) return parse_bdm_table_csv(text, path);
  if (extension == ".csv") return parse_actor_table_csv(text, path);
  return parse_scenario_yaml(text, path);
}

}  // namespace truce
