// kehu jobs list: what the scheduler keeps in the database, for operators (times in UTC).
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/commands.h"
#include "jobs/scheduler.h"

namespace kehu::app {
namespace json = boost::json;

namespace {

std::string Text(const json::value& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return std::string(v.as_string());
  return json::serialize(v);
}

// "2026-03-08T09:00:00.000Z" → "2026-03-08 09:00:00Z"; anything else unchanged.
std::string ShortTime(std::string t) {
  if (t.size() == 24 && t[10] == 'T' && t[19] == '.') t = t.substr(0, 10) + " " + t.substr(11, 8) + "Z";
  return t;
}

// Printed width: CJK and other multi-byte characters count as two columns, ASCII as one.
size_t Width(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) ++w;
    else if ((c & 0xC0) == 0xC0) w += 2;
  }
  return w;
}

std::string Cut(const std::string& s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

void PrintTable(const json::array& items) {
  std::vector<std::vector<std::string>> rows{
      {"NAME", "SCHEDULE", "NEXT RUN (UTC)", "LAST RUN (UTC)", "STATUS", "FAILURES", "RUNS", "LAST ERROR"}};
  for (const auto& item : items) {
    const json::object& j = item.as_object();
    std::string status = j.at("running").as_bool() ? "running" : Text(j.at("lastStatus"));
    rows.push_back({Text(j.at("name")), Text(j.at("schedule")), ShortTime(Text(j.at("nextRunAt"))),
                    ShortTime(Text(j.at("lastRunAt"))), status, Text(j.at("failures")), Text(j.at("runs")),
                    Cut(Text(j.at("lastError")), 80)});
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], Width(row[i]));
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - Width(row[i]) + 2, ' ');
    }
    std::printf("%s\n", line.c_str());
  }
  if (items.empty()) std::printf("(no jobs yet: they are written when `kehu serve` starts)\n");
}

}  // namespace

int RunJobsList(const CommonOptions& common, bool as_json, const std::string& argv0) {
  auto services = OpenServices(common, argv0, 2);
  if (!services.ok()) return Fail(services.error(), "jobs list");
  auto items = jobs::ListJobs(*(*services)->db);
  if (!items.ok()) return Fail(items.error(), "jobs list");
  if (as_json) std::printf("%s\n", json::serialize(json::object{{"items", *items}}).c_str());
  else PrintTable(*items);
  return 0;
}

}  // namespace kehu::app
