// Province and city indexes (metadata/region_prefix.h) on both backends: schema sync builds the
// expression index from "region.province" / "region.city", the list filter region[startsWith] is
// written as the same expression, the database then walks that index for the page (no sort) and
// the count, and the rows are exactly those whose code starts with the digits.
#include <gtest/gtest.h>

#include <algorithm>

#include "own_entity_fixture.h"
#include "records/list_query.h"
#include "records/record_sql.h"
#include "records/schema_sync.h"

namespace kehu::db::testing {
namespace {

constexpr const char* kLabels = R"({"zh-CN": "地点", "zh-TW": "地點", "en": "Places"})";

std::string PlacesJson() {
  std::string l = kLabels;
  return R"({"name": "places", "labels": )" + l + R"(, "owned": false, "titleField": "name",
    "indexes": [["category", "region.province", "name", "id"], ["region.city", "name", "id"]],
    "fields": [
      {"name": "name", "type": "text", "labels": )" + l + R"(},
      {"name": "category", "type": "enum", "labels": )" + l + R"(, "options": [
        {"value": "a", "labels": )" + l + R"(}, {"value": "b", "labels": )" + l + R"(}]},
      {"name": "region", "type": "region", "labels": )" + l + R"(}]})";
}

class RegionPrefixIndexTest : public OwnEntityTest {
 protected:
  void SetUp() override {
    OwnEntityTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    LoadEntity("places", PlacesJson());
  }

  void Add(const std::string& name, const std::string& category, const char* region, bool deleted = false) {
    Status s = db_->Write([&](Session& s) -> Status {
      KEHU_TRY(s.Execute(
          "INSERT INTO places (name, category, region, version, created_at, updated_at, deleted_at) "
          "VALUES (?, ?, ?, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?)",
          {name, category, region ? Value(std::string(region)) : Value(), deleted ? Value(std::string("2026-02-01T00:00:00.000Z")) : Value()}));
      return Ok();
    });
    ASSERT_TRUE(s.ok()) << Show(s.error());
  }

  // The list's page query and count, built as RecordService::List builds them for an actor that
  // sees every live record.
  struct Sql {
    std::string page, count;
    std::vector<Value> page_params, count_params;
  };
  Sql Build(const std::string& filter, const std::string& sort = "name") {
    records::QueryParams params{{"sort", sort}};
    for (std::string rest = filter; !rest.empty();) {
      auto cut = rest.find('&');
      std::string one = rest.substr(0, cut);
      params.emplace_back(one.substr(0, one.find('=')), one.substr(one.find('=') + 1));
      rest = cut == std::string::npos ? "" : rest.substr(cut + 1);
    }
    auto q = records::ParseListQuery(*e_, params);
    EXPECT_TRUE(q.ok()) << filter;
    records::Where where;
    where.And("t.deleted_at IS NULL");
    for (const auto& f : q->filters) records::AddFilter(d(), f, "t", where);
    std::string from = " FROM places t WHERE " + where.sql;
    Sql out;
    out.page = "SELECT " + records::SelectColumns(*e_) + from + " ORDER BY " +
               records::OrderBy(d(), q->sort, "t") + " LIMIT ? OFFSET ?";
    out.page_params = where.params;
    out.page_params.emplace_back(int64_t{50});
    out.page_params.emplace_back(int64_t{0});
    out.count = "SELECT COUNT(*)" + from;
    out.count_params = where.params;
    return out;
  }

  std::vector<std::string> Names(const std::string& filter, const std::string& sort = "name") {
    Sql sql = Build(filter, sort);
    std::vector<std::string> out;
    size_t name_at = 0;  // the name's position in SelectColumns (companion columns count too)
    for (const auto& f : e_->fields) {
      if (f.name == "name") break;
      name_at += f.CompanionSuffix().empty() ? 1 : 2;
    }
    for (const auto& r : ReadRows(sql.page, sql.page_params).rows) out.push_back(AsText(r.at(name_at)));
    EXPECT_EQ(AsInt(ReadRows(sql.count, sql.count_params).rows.at(0).at(0)), static_cast<int64_t>(out.size()))
        << filter;
    return out;
  }
};

using V = std::vector<std::string>;

TEST_P(RegionPrefixIndexTest, ProvinceAndCityFiltersSelectExactlyTheirCodes) {
  Add("a1", "a", "440104");
  Add("a2", "a", "440305");
  Add("a3", "a", "449999");
  Add("a4", "a", "450000");
  Add("a5", "a", "439999");
  Add("a6", "a", nullptr);
  Add("a7", "a", "440103", /*deleted=*/true);
  Add("a8", "a", "44");  // a province-level code
  Add("b1", "b", "440106");
  Add("b2", "b", "440399");
  Add("b3", "b", "440400");
  EXPECT_EQ(Names("category=a&region[startsWith]=44"), V({"a1", "a2", "a3", "a8"}));
  EXPECT_EQ(Names("category=a&region[startsWith]=45"), V({"a4"}));
  EXPECT_EQ(Names("category=a&region[startsWith]=43"), V({"a5"}));
  EXPECT_EQ(Names("category=b&region[startsWith]=44"), V({"b1", "b2", "b3"}));
  EXPECT_EQ(Names("category=a&region[startsWith]=44", "-name"), V({"a8", "a3", "a2", "a1"}));
  EXPECT_EQ(Names("region[startsWith]=4403"), V({"a2", "b2"}));
  EXPECT_EQ(Names("region[startsWith]=4401"), V({"a1", "b1"}));
  EXPECT_EQ(Names("region[startsWith]=4499"), V({"a3"}));
  // Other lengths keep the range: one digit, three, a full code.
  EXPECT_EQ(Names("category=a&region[startsWith]=4"), V({"a1", "a2", "a3", "a4", "a5", "a8"}));
  EXPECT_EQ(Names("region[startsWith]=440"), V({"a1", "a2", "b1", "b2", "b3"}));  // not 449999
  EXPECT_EQ(Names("region[startsWith]=440305"), V({"a2"}));
}

TEST_P(RegionPrefixIndexTest, TheFilterIsTheIndexedExpressionOnlyWhereAnIndexHasIt) {
  auto q = records::ParseListQuery(*e_, {{"category", "a"}, {"region[startsWith]", "44"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->filters.at(1).indexed_prefix, 2);
  q = records::ParseListQuery(*e_, {{"region[startsWith]", "4403"}});
  EXPECT_EQ(q->filters.at(0).indexed_prefix, 4);
  for (const char* other : {"4", "440", "440305"}) {
    q = records::ParseListQuery(*e_, {{"region[startsWith]", other}});
    EXPECT_EQ(q->filters.at(0).indexed_prefix, 0) << other;
  }
}

TEST_P(RegionPrefixIndexTest, PageAndCountWalkTheIndexWithoutSorting) {
  for (int i = 0; i < 300; ++i)
    Add("n" + std::to_string(1000 + i), i % 2 ? "a" : "b", i % 3 ? "440104" : "450103");
  Script("ANALYZE places");  // as a real database has statistics
  const std::string province = "ix_places_category_region_province_name_id_live";
  const std::string city = "ix_places_region_city_name_id_live";
  for (const char* sort : {"name", "-name"}) {
    Sql sql = Build("category=a&region[startsWith]=44", sort);
    std::string page = Plan(sql.page, sql.page_params);
    EXPECT_NE(page.find(province), std::string::npos) << page;
    EXPECT_EQ(page.find("TEMP B-TREE"), std::string::npos) << page;
    EXPECT_EQ(page.find("Sort"), std::string::npos) << page;
  }
  Sql sql = Build("category=a&region[startsWith]=44");
  std::string count = Plan(sql.count, sql.count_params);
  EXPECT_NE(count.find(province), std::string::npos) << count;
  EXPECT_EQ(count.find("Seq Scan"), std::string::npos) << count;
  sql = Build("region[startsWith]=4401");
  std::string page = Plan(sql.page, sql.page_params);
  EXPECT_NE(page.find(city), std::string::npos) << page;
  EXPECT_EQ(page.find("TEMP B-TREE"), std::string::npos) << page;
  EXPECT_EQ(page.find("Sort"), std::string::npos) << page;
}

TEST_P(RegionPrefixIndexTest, SyncAddsTheIndexToAnExistingTableAgain) {
  Add("x", "a", "440104");
  Status dropped = db_->Write([&](Session& s) { return records::DropIndexes(s, *e_); });
  ASSERT_TRUE(dropped.ok()) << Show(dropped.error());
  Sync();
  EXPECT_TRUE(HasIndex("ix_places_category_region_province_name_id_live"));
  EXPECT_TRUE(HasIndex("ix_places_region_city_name_id_live"));
  EXPECT_EQ(Names("category=a&region[startsWith]=44"), V({"x"}));
}

KEHU_INSTANTIATE_BACKENDS(RegionPrefixIndexTest);

}  // namespace
}  // namespace kehu::db::testing
