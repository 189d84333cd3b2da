// A synthetic population written into a new database it creates: its persons there, and
// each mistake named by the setting that gave it.
#include "omop/synthetic_population.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "omop/builtin_mapping.h"

namespace trialcore::omop {
namespace {

class SyntheticDatabaseTest : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(file_); }
  // The built-in protocol's mapping, five persons around 2010-07-01.
  Result<std::unique_ptr<Database>> create(const std::string& url, std::string_view profile) {
    auto protocol = load_builtin_protocol();
    if (!protocol.ok()) return protocol.error();
    auto mapping = load_omop_mapping(builtin_omop_mapping_text(), *protocol);
    if (!mapping.ok()) return mapping.error();
    return create_synthetic_database(url, *mapping, *protocol, profile, {5, 7, Date(2010, 7, 1)}, "--out", "--profile");
  }
  std::string file_ = (std::filesystem::temp_directory_path() / ("synthetic-" + std::to_string(::getpid()) + ".db")).string();
};

TEST_F(SyntheticDatabaseTest, ThePersonsAreInTheDatabaseItAnswers) {
  auto database = create("sqlite:" + file_, builtin_synthetic_profile_text());
  ASSERT_TRUE(database.ok()) << database.error().to_string();
  int64_t persons = 0;
  ASSERT_TRUE((*database)->query("SELECT COUNT(*) FROM person", [&](const Row& row) { persons = row.integer(0); }).ok());
  EXPECT_EQ(persons, 5);
}

TEST_F(SyntheticDatabaseTest, MistakesNameTheirSetting) {
  auto bad_url = create("mysql:" + file_, builtin_synthetic_profile_text());
  ASSERT_FALSE(bad_url.ok());
  EXPECT_EQ(bad_url.error().path, "--out");
  auto bad_profile = create("sqlite:" + file_, "{}");
  ASSERT_FALSE(bad_profile.ok());
  EXPECT_EQ(bad_profile.error().to_string(), "--profile $.format: must be \"trialcore-omop-synthetic/1\"");
}

}  // namespace
}  // namespace trialcore::omop
