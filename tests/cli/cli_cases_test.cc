// Runs every case file under tests/data/cases through the built `trialcore` program.
//
// A case is one JSON file:
//   "about":           why the case exists
//   "files":           {"name": JSON or text}, written into a fresh directory the program runs in
//   "stdin":           text (or JSON) given on standard input
//   "args":            the command line after `trialcore`; "$SOURCE" is the source tree
//   "exit":            the expected exit status (default 0)
//   "stdout_json":     the expected JSON answer; objects list only the members that matter
//   "stdout_contains": texts the output must contain;  "stdout_empty": true
//   "stderr_contains": texts standard error must contain
//   "steps":           instead of "args" and the expectations: a list of them, run in order
//                      in the same directory (a workflow on one trial record)
// A case that exits with 2 (bad input) must also leave its directory as it found it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "json_match.h"

namespace trialcore::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> case_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(TRIALCORE_CASES_DIR)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(fs::relative(entry.path(), TRIALCORE_CASES_DIR).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::set<std::string> listing(const fs::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) names.insert(entry.path().string());
  return names;
}

// Runs one invocation in `work` and checks what it printed and left behind.
void run_step(const json& spec, const fs::path& root, const fs::path& work) {
  std::string command = "cd " + shell_quote(work.string()) + " && " + shell_quote(TRIALCORE_BINARY);
  for (const json& arg : spec.at("args")) {
    command += " " + shell_quote(replace_all(arg.get<std::string>(), "$SOURCE", TRIALCORE_SOURCE_DIR));
  }
  if (spec.contains("stdin")) {
    const json& input = spec["stdin"];
    std::ofstream(root / "stdin", std::ios::binary) << (input.is_string() ? input.get<std::string>() : input.dump());
    command += " < " + shell_quote((root / "stdin").string());
  } else {
    command += " < /dev/null";
  }
  command += " > " + shell_quote((root / "stdout").string()) + " 2> " + shell_quote((root / "stderr").string());
  std::set<std::string> before = listing(work);
  int status = std::system(command.c_str());
  int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::string out = read_whole(root / "stdout");
  std::string err = read_whole(root / "stderr");
  std::string context = "\ncommand: " + command + "\nstdout: " + out.substr(0, 4000) + "\nstderr: " + err;

  EXPECT_EQ(exit_code, spec.value("exit", 0)) << context;
  if (spec.contains("stdout_json")) {
    json answer = json::parse(out, nullptr, false);
    ASSERT_FALSE(answer.is_discarded()) << "stdout is not JSON" << context;
    std::string mismatch = json_mismatch(spec["stdout_json"], answer);
    EXPECT_TRUE(mismatch.empty()) << mismatch << context;
  }
  const json stdout_texts = spec.value("stdout_contains", json::array());
  for (const json& text : stdout_texts) {
    EXPECT_NE(out.find(text.get<std::string>()), std::string::npos) << "stdout lacks: " << text << context;
  }
  if (spec.value("stdout_empty", false)) {
    EXPECT_EQ(out, "") << context;
  }
  const json stderr_texts = spec.value("stderr_contains", json::array());
  for (const json& text : stderr_texts) {
    EXPECT_NE(err.find(text.get<std::string>()), std::string::npos) << "stderr lacks: " << text << context;
  }
  if (spec.value("exit", 0) == 2) {
    EXPECT_EQ(out, "") << "bad input must print nothing on stdout" << context;
    EXPECT_EQ(listing(work), before) << "bad input must write nothing" << context;
  }
}

class CliCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CliCase, Answers) {
  const fs::path file = fs::path(TRIALCORE_CASES_DIR) / GetParam();
  json spec = json::parse(read_whole(file));
  fs::path root = fs::temp_directory_path() / ("trialcore-case-" + std::to_string(::getpid()) + "-" +
                                               std::to_string(std::hash<std::string>{}(GetParam())));
  fs::remove_all(root);
  fs::path work = root / "work";
  fs::create_directories(work);
  const json files = spec.value("files", json::object());
  for (auto& [name, content] : files.items()) {
    fs::create_directories((work / name).parent_path());
    std::ofstream(work / name, std::ios::binary) << (content.is_string() ? content.get<std::string>() : content.dump(2));
  }
  const json steps = spec.contains("steps") ? spec["steps"] : json::array({spec});
  for (size_t i = 0; i < steps.size(); ++i) {
    SCOPED_TRACE("step " + std::to_string(i));
    run_step(steps[i], root, work);
  }
  fs::remove_all(root);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param.substr(0, info.param.size() - 5)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, CliCase, ::testing::ValuesIn(case_files()), test_name);

}  // namespace
}  // namespace trialcore::testing
