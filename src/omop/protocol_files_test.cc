// A protocol's OMOP files: the built-in ones when none is given, a given file read, and
// errors naming the setting that gave the file.
#include "omop/protocol_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "omop/builtin_mapping.h"
#include "protocol/test_builtin_protocol.h"

namespace trialcore::omop {
namespace {

std::string temporary(const std::string& name) {
  return (std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "-" + name)).string();
}

TEST(ProtocolFiles, NoFileIsTheBuiltInText) {
  auto text = protocol_file_text("", builtin_synthetic_profile_text(), "--profile");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, builtin_synthetic_profile_text());
  auto mapping = load_protocol_mapping("", testing::builtin_protocol(), "--mapping");
  ASSERT_TRUE(mapping.ok()) << mapping.error().to_string();
  EXPECT_TRUE(mapping->obtained_at_visit("nyha_class"));
}

TEST(ProtocolFiles, AGivenFileIsReadAndItsErrorsNameTheSetting) {
  std::string file = temporary("mapping.json");
  std::ofstream(file) << builtin_omop_mapping_text();
  auto mapping = load_protocol_mapping(file, testing::builtin_protocol(), "--mapping");
  ASSERT_TRUE(mapping.ok()) << mapping.error().to_string();

  Json changed = Json::parse(builtin_omop_mapping_text());
  changed["facts"]["zubrod"]["table"] = "drug_exposure";
  std::ofstream(file) << changed.dump();
  auto refused = load_protocol_mapping(file, testing::builtin_protocol(), "--mapping");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().path, "--mapping $.facts.zubrod.table");

  std::filesystem::remove(file);
  auto missing = protocol_file_text(file, "", "--profile");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().path, "--profile");
  EXPECT_NE(missing.error().message.find(file), std::string::npos) << missing.error().message;
}

}  // namespace
}  // namespace trialcore::omop
