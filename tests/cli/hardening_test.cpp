// The hardening issue's one-liners, each as a case: what a hostile or careless user could do
// to truce 0.1, and what truce does now (docs/security.md). Each runs the real binary in a
// fresh folder with s.yaml a minimal scenario.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../support/run_command.hpp"

namespace {

namespace fs = std::filesystem;
using truce::testing::CommandOutput;

const std::string minimal = std::string(TRUCE_SOURCE_DIR) + "/tests/data/scenarios/minimal.yaml";

// A two-issue domain and two profiles of our own (GENIUS's format; values invented here).
const char* domain_xml = R"(<negotiation_template><utility_space><objective index="0" name="root">
<issue index="1" name="price" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="low"/><item index="2" value="high"/></issue>
<issue index="2" name="delivery" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="fast"/><item index="2" value="slow"/></issue>
</objective></utility_space></negotiation_template>)";

std::string profile_xml(double low, double high) {
  std::ostringstream s;
  s << R"(<utility_space><objective index="0" name="root">
<issue index="1" name="price" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="low" evaluation=")"
    << low << R"("/><item index="2" value="high" evaluation=")" << high << R"("/></issue>
<issue index="2" name="delivery" type="discrete" etype="discrete" vtype="discrete">
<item index="1" value="fast" evaluation="1"/><item index="2" value="slow" evaluation="0.5"/></issue>
<weight index="1" value="0.6"/><weight index="2" value="0.4"/>
</objective></utility_space>)";
  return s.str();
}

class Hardening : public ::testing::Test {
 protected:
  fs::path dir;
  void SetUp() override {
    std::string name = (fs::temp_directory_path() / "truce-hardening-XXXXXX").string();
    dir = ::mkdtemp(name.data());
    fs::copy_file(minimal, dir / "s.yaml");
    write("D.xml", domain_xml);
    write("P1.xml", profile_xml(1, 0));
    write("P2.xml", profile_xml(0, 1));
  }
  void TearDown() override { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir / name, std::ios::binary) << text; }
  std::string read(const std::string& name) {
    std::ifstream in(dir / name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::vector<std::string> names() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  CommandOutput truce(const std::string& args) {
    return truce::testing::run_command("cd '" + dir.string() + "' && " + truce::testing::truce_binary() +
                                       " " + args);
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Item 2: a link planted at the old temporary name no longer redirects the CSV.
TEST_F(Hardening, APlantedLinkDoesNotRedirectTheFrontierCsv) {
  write("victim.txt", "keep");
  fs::create_symlink("victim.txt", dir / "f.csv.partial");
  const auto r = truce("space D.xml P1.xml P2.xml --frontier-csv f.csv");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read("victim.txt"), "keep");
  EXPECT_TRUE(has(read("f.csv"), "price")) << read("f.csv");
}

// Item 3: an output never replaces an input, a folder, a device or a link.
TEST_F(Hardening, ReportOntoItsOwnScenarioIsRefusedBeforeAnyWork) {
  const std::string before = read("s.yaml");
  const auto r = truce("report s.yaml -o s.yaml");
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_EQ(r.err, "truce: cannot write s.yaml: it is the input s.yaml; choose another output path\n");
  EXPECT_EQ(read("s.yaml"), before);
}

TEST_F(Hardening, PdfOntoTheHtmlIsRefused) {
  const auto r = truce("report s.yaml -o r.html --pdf r.html");
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_EQ(r.err, "truce: cannot write r.html: it is also the HTML report (-o); give the PDF another name\n");
  EXPECT_EQ(names(), (std::vector<std::string>{"D.xml", "P1.xml", "P2.xml", "s.yaml"}));
}

TEST_F(Hardening, FrontierCsvOntoAProfileIsRefused) {
  const std::string before = read("P1.xml");
  const auto r = truce("space D.xml P1.xml P2.xml --frontier-csv P1.xml");
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_EQ(r.err, "truce: cannot write P1.xml: it is the input P1.xml; choose another output path\n");
  EXPECT_EQ(read("P1.xml"), before);
}

TEST_F(Hardening, DevicesFifosAndFoldersAreNotReplaced) {
  auto r = truce("space D.xml P1.xml P2.xml --frontier-csv /dev/null");
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_TRUE(has(r.err, "it is a device, FIFO or socket")) << r.err;
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  r = truce("space D.xml P1.xml P2.xml --frontier-csv fifo");
  EXPECT_EQ(r.exit_code, 6);
  fs::create_directory(dir / "d");
  r = truce("report s.yaml -o d");
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_EQ(r.err, "truce: cannot write d: it is a folder; give a file name\n");  // was "cannot write d: Success"
}

// Item 4: character references cannot smuggle what the file's own checks refuse.
TEST_F(Hardening, GeniusCharacterReferencesAreCheckedOnceRead) {
  std::string d = domain_xml;
  d.replace(d.find("value=\"low\""), 11, "value=\"a&#xD800;\"");
  write("D.xml", d);
  auto r = truce("space D.xml P1.xml P2.xml --format json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "D.xml:3:1: error: expected UTF-8 text in value=\"...\" once character references are read"))
      << r.err;
  d = domain_xml;
  d.replace(d.find("value=\"low\""), 11, "value=\"a&#x1b;[2J\"");
  write("D.xml", d);
  r = truce("space D.xml P1.xml P2.xml --format json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "found the control character U+001B")) << r.err;
}

// Item 5: YAML escapes cannot put control characters into names.
TEST_F(Hardening, YamlEscapesCannotCarryControlCharacters) {
  std::string s = read("s.yaml");
  s.replace(s.find("name: Actor A"), 13, R"(name: "\e[2JActor")");
  write("e.yaml", s);
  auto r = truce("validate e.yaml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "e.yaml:6:11: error: expected text once YAML's escapes are read, found the control "
                         "character U+001B"))
      << r.err;
  EXPECT_FALSE(has(r.err, "\x1b"));
  s = read("s.yaml");
  s.replace(s.find("name: Actor A"), 13, R"(name: "A\u2028B")");
  write("l.yaml", s);
  r = truce("validate l.yaml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "found the line separator U+2028")) << r.err;  // item 11: it broke the charts
}

// Item 6: a failed write to standard output is an error, and the run is not recorded.
TEST_F(Hardening, AFullStandardOutputIsAnErrorAndNothingIsStored) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "needs /dev/full";
  const auto r = truce("forecast s.yaml --store runs.db > /dev/full");
  EXPECT_EQ(r.exit_code, 6);
  EXPECT_TRUE(has(r.err, "truce: cannot write standard output: No space left on device")) << r.err;
  EXPECT_FALSE(fs::exists(dir / "runs.db") && has(truce("runs list --store runs.db").out, "forecast"));
}

// Item 9: more threads than the system gives still finish, with the same result.
TEST_F(Hardening, AHugeThreadCountStillFinishesWithTheSameResult) {
  const auto one = truce("space D.xml P1.xml P2.xml --format json --threads 1");
  const auto many = truce("space D.xml P1.xml P2.xml --format json --threads 1024");
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_EQ(many.exit_code, 0) << many.err;
  EXPECT_EQ(one.out, many.out);
}

// Items 8 and 10: work too large is refused at once, with an estimate and how to go ahead.
// 40 options issues of 3 options each: 3^40 = 1.2e19 packages, a valid file.
std::string three_to_the_forty() {
  std::ostringstream s;
  s << "truce: 1\nname: Huge\nactors:\n  - {id: a, name: A, capability: 1}\n  - {id: b, name: B, capability: 1}\n"
       "issues:\n";
  for (int i = 0; i < 40; ++i)
    s << "  - {id: i" << i << ", name: I" << i << ", kind: options, options: [{id: x, label: X}, {id: y, label: Y}, "
      << "{id: z, label: Z}]}\n";
  s << "stances:\n";
  for (const char* a : {"a", "b"})
    for (int i = 0; i < 40; ++i)
      s << "  - {actor: " << a << ", issue: i" << i << ", position: x, salience: 0.5, utilities: {x: 1, y: 0.5, z: 0}}\n";
  return s.str();
}

// A GENIUS domain of `issues` issues with `values` values each, and a flat profile for it.
std::pair<std::string, std::string> genius_of_size(int issues, int values) {
  std::ostringstream d, p;
  d << "<negotiation_template><utility_space><objective index=\"0\" name=\"root\">\n";
  p << "<utility_space><objective index=\"0\" name=\"root\">\n";
  for (int i = 1; i <= issues; ++i) {
    d << "<issue index=\"" << i << "\" name=\"i" << i << "\" type=\"discrete\">";
    p << "<issue index=\"" << i << "\" name=\"i" << i << "\" type=\"discrete\">";
    for (int v = 1; v <= values; ++v) {
      d << "<item index=\"" << v << "\" value=\"v" << v << "\"/>";
      p << "<item index=\"" << v << "\" value=\"v" << v << "\" evaluation=\"" << v << "\"/>";
    }
    d << "</issue>\n";
    p << "</issue><weight index=\"" << i << "\" value=\"1\"/>\n";
  }
  d << "</objective></utility_space></negotiation_template>\n";
  p << "</objective></utility_space>\n";
  return {d.str(), p.str()};
}

TEST_F(Hardening, ASpaceOfThreeToTheFortyIsRefusedWithAnEstimate) {
  write("huge.yaml", three_to_the_forty());
  const auto r = truce("space huge.yaml --no-store");
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_TRUE(has(r.err, "truce: enumerating 1.22e+19 packages (40 issues, 2 actors) would take about")) << r.err;
  EXPECT_TRUE(has(r.err, "pass --budget")) << r.err;
}

TEST_F(Hardening, AGeniusDomainOfTenToTheTwelveOutcomesIsRefused) {
  const auto [domain, profile] = genius_of_size(12, 10);
  write("big-domain.xml", domain);
  write("big-profile.xml", profile);
  const auto r = truce("space big-domain.xml big-profile.xml big-profile.xml");
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_TRUE(has(r.err, "truce: enumerating 1e+12 packages (12 issues, 2 actors) would take about")) << r.err;
}

TEST_F(Hardening, MoreThanTwoToTheSixtyFourPackagesIsTooLargeNotABadCommandLine) {
  const auto [domain, profile] = genius_of_size(70, 2);
  write("d70.xml", domain);
  write("p70.xml", profile);
  const auto r = truce("space d70.xml p70.xml p70.xml --budget 0");
  EXPECT_EQ(r.exit_code, 7) << r.err;  // was 2
  EXPECT_TRUE(has(r.err, "the space has about 1.18e+21 packages, more than 2^64 - 1")) << r.err;
}

TEST_F(Hardening, AReportOnAHugeScenarioFinishesWithTheRefusalsAsNotes) {
  if (!fs::exists(fs::path(TRUCE_SOURCE_DIR) / "node_modules/vega/build/vega.min.js"))
    GTEST_SKIP() << "node_modules missing: run scripts/setup-report.sh";
  write("huge.yaml", three_to_the_forty());
  const auto r = truce("report huge.yaml -o huge.html");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.err, "truce report: the space analysis failed: enumerating 1.22e+19 packages")) << r.err;
  EXPECT_TRUE(has(read("huge.html"), "enumerating 1.22e+19 packages")) << "the refusal is a note in the report";
}

TEST_F(Hardening, AHundredMillionRunsAreRefusedWithAnEstimate) {
  const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";
  const auto r = truce("simulate '" + reference + "' --runs 100000000 --threads 1 --no-store");
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_TRUE(has(r.err, "truce: 100000000 runs of 36 months would take about")) << r.err;
}

TEST_F(Hardening, ASpreadThatWouldPushCapabilitiesPastTheCapIsRefused) {
  auto r = truce("levers s.yaml --target zopa_size --spread 1e308 --no-store");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "levers option 'spread': expected a number from 0 to 1000, found 1e+308")) << r.err;
  // At the largest spread allowed, capability ranges stay within the loaders' 1e12.
  write("big.yaml", [&] {
    std::string t = read("s.yaml");
    t.replace(t.find("capability: 1"), 13, "capability: 900000000000");
    return t;
  }());
  r = truce("levers big.yaml --target zopa_size --spread 1000 --list-parameters --format json --no-store");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "\"high\": 1000000000000.0")) << r.out.substr(0, 600);
}

TEST_F(Hardening, ModelsCubicInActorsAreRefusedOnATenThousandActorTable) {
  std::ostringstream s;
  s << "Big,ten thousand actors,10000,1\nActor,Description,Power,Dim1,Sal1\n";
  for (int i = 0; i < 10000; ++i) s << "a" << i << ",d," << 1 + i % 97 << "," << i % 101 << "," << 1 + i % 89 << "\n";
  write("big.csv", s.str());
  auto r = truce("forecast big.csv --model smp --no-store");
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_TRUE(has(r.err, "truce: KTAB's spatial model on 10000 actors would take about")) << r.err;
  r = truce("forecast big.csv --model eum --no-store");
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_TRUE(has(r.err, "truce: the expected-utility model on 10000 actors (up to 500 rounds) would take about"))
      << r.err;
  // The models that are not cubic still run on it.
  r = truce("forecast big.csv --model median --model nash --no-store");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(Hardening, HugeCountsAreRefusedNotReportedAsBadInput) {
  const auto r = truce("levers s.yaml --target zopa_size --samples 1000000000000000 --no-store");
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_TRUE(has(r.err, "needs about")) << r.err;
}

// The budget decides whether work starts, never what a result is: a stored run over a small
// budget is refused on rerun with the way to go ahead, and reruns identically with it.
TEST_F(Hardening, RerunTakesABudgetAndTheResultDoesNotDependOnIt) {
  const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";
  auto r = truce("simulate '" + reference + "' --runs 2000 --store runs.db");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = truce("runs rerun 1 --store runs.db --budget 0.001");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.out + r.err, "2000 runs of 36 months would take about")) << r.out << r.err;
  r = truce("runs rerun 1 --store runs.db --budget 0");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "identical")) << r.out;
}

// Item 16: messages and codes.
TEST_F(Hardening, ANegativeSeedIsABadCommandLine) {
  const auto r = truce("levers s.yaml --target zopa_size --seed -1 --no-store");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(has(r.err, "levers option 'seed': expected a whole number >= 0, found -1")) << r.err;
}

TEST_F(Hardening, TheHelpListsEveryExitStatus) {
  const auto r = truce("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"5 a tool the report needs", "6 an output could not be written", "7 the work is larger",
                        "8 an internal error", "128+N ended by signal N"})
    EXPECT_TRUE(has(r.out, s)) << s;
  const auto report = truce("report --help");
  EXPECT_TRUE(has(report.out, "Exit status 5: the chart libraries or Chromium are missing")) << report.out;
}

TEST_F(Hardening, NestingBeyondYamlCppsOwnLimitGetsTheDocumentedMessage) {
  write("deep.yaml", "truce: 1\nname: " + std::string(600, '[') + std::string(600, ']') + "\n");
  const auto r = truce("validate deep.yaml");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "expected at most 64 levels of nesting, found more")) << r.err;
}

// Item 14: a file of errors prints the first 100 and counts the rest.
TEST_F(Hardening, AFileOfErrorsIsCapped) {
  std::ostringstream s;
  s << "Huge,errors,10000,1\nActor,Description,Power,Dim1,Sal1\n";
  for (int i = 0; i < 10000; ++i) s << "a" << i << ",d,x,y,z\n";
  write("errors.csv", s.str());
  const auto r = truce("validate errors.csv");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "more problems (only the first 100 are shown)")) << r.err.substr(0, 400);
  EXPECT_LT(std::count(r.err.begin(), r.err.end(), '\n'), 110);
}

// Item 15: GENIUS input with --store says it stores nothing.
TEST_F(Hardening, GeniusSpaceWithAStoreSaysNothingIsStored) {
  const auto r = truce("space D.xml P1.xml P2.xml --store runs.db");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(has(r.err, "GENIUS domains are not recorded in the run store")) << r.err;
}

// Item 17: levers' output and stored options do not depend on --threads.
TEST_F(Hardening, LeversOutputDoesNotEchoThreads) {
  const auto one = truce("levers s.yaml --target zopa_size --method tornado --format json --threads 1 --no-store");
  const auto two = truce("levers s.yaml --target zopa_size --method tornado --format json --threads 2 --no-store");
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  // The target's own analysis runs on one thread inside each model run ("threads": 1 in its
  // options); the levers' --threads is not part of the result.
  EXPECT_FALSE(nlohmann::json::parse(one.out).at("options").contains("threads")) << one.out.substr(0, 400);
}

}  // namespace
