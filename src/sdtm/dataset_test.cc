// The dataset's rules and its two writers: what SAS version 5 refuses is refused with its
// place, Dataset-JSON types follow the values, and a transport file is the same bytes for
// the same dataset. (tests/cdisc reads both files back with ajv and Debian's readstat.)
#include "sdtm/dataset.h"

#include <gtest/gtest.h>

#include "sdtm/dataset_json.h"
#include "sdtm/text.h"
#include "sdtm/transport_file.h"

namespace trialcore::sdtm {
namespace {

Dataset example() {
  Dataset dataset{"EX", "Exposure",
                  {{"STUDYID", "Study Identifier", VariableType::kText, 1},
                   {"EXSEQ", "Sequence Number", VariableType::kInteger, 0},
                   {"EXDOSE", "Dose", VariableType::kFloat, 0},
                   {"EXSTDTC", "Start Date/Time of Treatment", VariableType::kIsoDateTime, 0}},
                  {}};
  dataset.rows.push_back(RowBuilder(dataset).set("STUDYID", "S1").set("EXSEQ", int64_t(1)).set("EXDOSE", 2.36).set("EXSTDTC", "2010-07-05").row());
  dataset.rows.push_back(RowBuilder(dataset).set("STUDYID", "S1  ").set("EXSEQ", int64_t(2)).row());
  return dataset;
}

TEST(DatasetTest, RowsHoldTrimmedTextAndMissingValues) {
  Dataset dataset = example();
  ASSERT_TRUE(check_dataset(dataset).ok());
  EXPECT_EQ(std::get<std::string>(dataset.rows[1][0]), "S1");  // SAS keeps no trailing blanks
  EXPECT_TRUE(std::holds_alternative<std::monostate>(dataset.rows[1][2]));
  EXPECT_EQ(dataset.length(0), 2);
  EXPECT_EQ(dataset.length(2), 8);
  EXPECT_THROW(RowBuilder(dataset).set("NOPE", "x"), std::logic_error);
}

TEST(DatasetTest, WhatSasCannotHoldIsRefusedWithItsPlace) {
  Dataset dataset = example();
  dataset.rows[0][0] = std::string(201, 'x');
  EXPECT_EQ(check_dataset(dataset).error().path, "EX.STUDYID row 1");
  dataset = example();
  dataset.rows[1][1] = std::string("two");
  EXPECT_EQ(check_dataset(dataset).error().message, "must be a number");
  dataset = example();
  dataset.variables[3].name = "EXSTDTC_LONG";
  EXPECT_EQ(check_dataset(dataset).error().path, "EX.EXSTDTC_LONG");
  dataset = example();
  dataset.variables[3].label = std::string(41, 'l');
  EXPECT_EQ(check_dataset(dataset).error().to_string(), "EX.EXSTDTC: a variable label has 1 to 40 characters");
  dataset = example();
  dataset.variables[2].key = 1;
  EXPECT_EQ(check_dataset(dataset).error().to_string(), "EX: the keys' places must run from 1 to 2, each once, not 1, 1");
  dataset = example();
  dataset.variables[1].key = 3;
  EXPECT_EQ(check_dataset(dataset).error().to_string(), "EX: the keys' places must run from 1 to 2, each once, not 1, 3");
  dataset.variables[1].key = 2;
  EXPECT_TRUE(check_dataset(dataset).ok());
  dataset = example();
  dataset.rows[1].pop_back();
  EXPECT_EQ(check_dataset(dataset).error().path, "EX row 2");
}

TEST(DatasetJsonTest, ColumnsTypesAndMissingValues) {
  Dataset dataset = example();
  OrderedJson file = dataset_json(dataset, {"2026-12-01T09:30:00", "S1", "v1", "0.1.0"});
  EXPECT_EQ(file["datasetJSONVersion"], "1.1.0");
  EXPECT_EQ(file["records"], 2);
  EXPECT_EQ(file["itemGroupOID"], "IG.EX");
  EXPECT_EQ(file["columns"][0]["keySequence"], 1);
  EXPECT_EQ(file["columns"][0]["length"], 2);
  EXPECT_FALSE(file["columns"][1].contains("length"));
  EXPECT_EQ(file["columns"][1]["dataType"], "integer");
  EXPECT_EQ(file["columns"][2]["dataType"], "double");
  EXPECT_EQ(file["columns"][3]["dataType"], "date");
  EXPECT_EQ(file["rows"][0], OrderedJson::parse(R"(["S1", 1, 2.36, "2010-07-05"])"));
  EXPECT_EQ(file["rows"][1], OrderedJson::parse(R"(["S1", 2, null, ""])"));
  dataset.rows[1][3] = std::string("2010-07-06T09:30");
  EXPECT_EQ(json_data_type(dataset, 3), "string");  // a date and a date with a time
  dataset.rows[0][3] = std::string("2010-07-05T10:00");
  EXPECT_EQ(json_data_type(dataset, 3), "datetime");
}

TEST(TransportFileTest, AVersion5FileOfWholeRecordsTheSameEachTime) {
  auto bytes = transport_file(example(), "2026-12-01T09:30:00");
  ASSERT_TRUE(bytes.ok()) << bytes.error().to_string();
  EXPECT_EQ(bytes->rfind("HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!", 0), 0u);
  EXPECT_EQ(bytes->size() % 80, 0u);
  EXPECT_NE(bytes->find("01DEC26:09:30:00"), std::string::npos);  // the export's time, not the clock's
  EXPECT_NE(bytes->find("Start Date/Time of Treatment"), std::string::npos);
  EXPECT_EQ(*transport_file(example(), "2026-12-01T09:30:00"), *bytes);
  EXPECT_FALSE(transport_file(example(), "yesterday").ok());
  Dataset empty = example();
  empty.rows.clear();
  EXPECT_TRUE(transport_file(empty, "2026-12-01T09:30:00").ok());
}

TEST(TextTest, LongTextIsCutBetweenWordsOrSplitIntoPieces) {
  EXPECT_EQ(shortened("short", 10), "short");
  EXPECT_EQ(shortened("one two three four", 12), "one two...");
  std::string text = "alpha beta gamma delta";
  std::vector<std::string> pieces = split_text(text, 11);
  EXPECT_EQ(pieces, (std::vector<std::string>{"alpha beta", " gamma", " delta"}));
  std::string joined;
  for (const std::string& piece : pieces) joined += piece;
  EXPECT_EQ(joined, text);
  EXPECT_EQ(split_text(std::string(25, 'x'), 10).size(), 3u);
}

}  // namespace
}  // namespace trialcore::sdtm
