// kehu generate: fills a database with benchmark data at scale (issue #6): a sales organisation of
// departments, supervisors and reps, then customers and contacts owned by them (generate_data.h).
//
// Rows go in exactly as the record pipeline stores them (the same codec, search documents and
// duplicate keys) but in bulk: secondary indexes are dropped first and rebuilt sorted at the end,
// rows are inserted many per statement in large transactions, and the next chunk is built on
// other threads while the current one is written. Not for live databases: writers would wait.
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <cstdio>
#include <future>
#include <thread>

#include "app/commands.h"
#include "app/generate_data.h"
#include "core/crypto.h"
#include "core/text/search_terms.h"
#include "core/time.h"
#include "records/audit.h"
#include "records/codec.h"
#include "records/duplicates.h"
#include "records/schema_sync.h"

namespace kehu::app {
namespace json = boost::json;
using db::Value;

namespace {

constexpr int64_t kChunk = 20000;      // rows per transaction
constexpr int kRowsPerStatement = 100;  // rows per INSERT (under both databases' parameter limits)

// One entity's bulk insert: the column list, then rows of values in that order.
struct Table {
  const meta::Entity* entity = nullptr;
  std::vector<const meta::Field*> fields;  // decoded from the row's JSON (not id, not system)
  std::string columns;                     // id, system columns, field columns, dup_name_key
  int width = 0;

  explicit Table(const meta::Entity& e) : entity(&e) {
    columns = "id, version, created_at, updated_at, created_by_id, updated_by_id";
    width = 6;
    for (const auto& f : e.fields) {
      if (f.system && f.name != "ownerId") continue;
      fields.push_back(&f);
      columns += ", " + f.column;
      ++width;
      if (auto suffix = f.CompanionSuffix(); !suffix.empty()) {
        columns += ", " + f.column + std::string(suffix);
        ++width;
      }
    }
    if (e.ChecksDuplicateNames()) {
      columns += ", dup_name_key";
      ++width;
    }
  }
};

struct Chunk {
  std::vector<Value> values;  // rows × width
  std::vector<db::SearchRow> search;
  int64_t rows = 0;
};

// Appends one record's stored values and search entry, exactly as RecordService::Create keeps them.
Status AppendRow(const Table& t, int64_t id, const json::object& body, const std::string& at, Chunk& out) {
  const meta::Entity& e = *t.entity;
  out.values.insert(out.values.end(), {Value(id), Value(int64_t{1}), Value(at), Value(at), Value(), Value()});
  records::FieldErrors errors;
  std::vector<std::string> searchable;
  for (const meta::Field* f : t.fields) {
    const json::value* v = body.if_contains(f->name);
    json::value given = v ? *v : f->default_value;
    auto stored = records::DecodeInput(*f, given, errors);
    if (!stored) return InvalidInput("generated_value_invalid").Arg("field", f->name);
    out.values.push_back(stored->value);
    if (!f->CompanionSuffix().empty()) out.values.push_back(stored->companion);
    if (std::holds_alternative<std::string>(stored->value) &&
        std::find(e.search_fields.begin(), e.search_fields.end(), f->name) != e.search_fields.end())
      searchable.push_back(db::AsText(stored->value));
  }
  if (e.ChecksDuplicateNames())
    out.values.emplace_back(records::DuplicateNameKey(body.at(e.title_field).as_string()));
  if (!e.search_fields.empty()) {
    auto doc = text::BuildSearchDoc(searchable);
    out.search.push_back({id, std::move(doc.folded), std::move(doc.terms)});
  }
  ++out.rows;
  return Ok();
}

using RowFn = std::function<json::object(int64_t index, std::string& created_at)>;

// Rows [begin, end) built on two threads (the writer's core is busy with the previous chunk).
Result<Chunk> BuildChunk(const Table& t, const RowFn& row, int64_t first_id, int64_t begin, int64_t end) {
  auto part = [&](int64_t from, int64_t to) -> Result<Chunk> {
    Chunk c;
    c.values.reserve(static_cast<size_t>((to - from) * t.width));
    std::string at;
    for (int64_t i = from; i < to; ++i) KEHU_TRY(AppendRow(t, first_id + i, row(i, at), at, c));
    return c;
  };
  int64_t mid = begin + (end - begin) / 2;
  auto second = std::async(std::launch::async, part, mid, end);
  KEHU_ASSIGN(Chunk out, part(begin, mid));
  KEHU_ASSIGN(Chunk rest, second.get());
  out.values.insert(out.values.end(), std::make_move_iterator(rest.values.begin()),
                    std::make_move_iterator(rest.values.end()));
  out.search.insert(out.search.end(), std::make_move_iterator(rest.search.begin()),
                    std::make_move_iterator(rest.search.end()));
  out.rows += rest.rows;
  return out;
}

Status WriteChunk(db::Session& s, const db::Dialect& d, const Table& t, const Chunk& c) {
  std::string marks = "(?";
  for (int k = 1; k < t.width; ++k) marks += ", ?";
  marks += ")";
  const std::string head = "INSERT INTO " + t.entity->table + " (" + t.columns + ") VALUES ";
  for (int64_t r = 0; r < c.rows; r += kRowsPerStatement) {
    int64_t n = std::min<int64_t>(kRowsPerStatement, c.rows - r);
    std::string sql = head;
    for (int64_t k = 0; k < n; ++k) sql += k ? ", " + marks : marks;
    // Views into the chunk: copying its values and documents was the writer's top symbol (memmove).
    KEHU_TRY(s.Execute(sql, std::span(c.values).subspan(r * t.width, n * t.width)));
    if (!c.search.empty()) KEHU_TRY(d.SearchInsertMany(s, t.entity->table, std::span(c.search).subspan(r, n)));
  }
  return Ok();
}

// Loads `count` rows of one entity, chunk by chunk, building the next while writing the current.
Status Load(db::Database& db, const Table& t, int64_t first_id, int64_t count, const RowFn& row) {
  const char* name = t.entity->name.c_str();
  const bool searched = !t.entity->search_fields.empty();
  if (searched)
    KEHU_TRY(db.Write([&](db::Session& s) { return db.dialect().BeginSearchBulkLoad(s, t.entity->table); }));
  std::future<Result<Chunk>> next;
  auto start = [&](int64_t begin) {
    next = std::async(std::launch::async, BuildChunk, std::cref(t), std::cref(row), first_id, begin,
                      std::min(count, begin + kChunk));
  };
  if (count > 0) start(0);
  for (int64_t begin = 0; begin < count; begin += kChunk) {
    KEHU_ASSIGN(Chunk chunk, next.get());
    if (begin + kChunk < count) start(begin + kChunk);
    KEHU_TRY(db.Write([&](db::Session& s) { return WriteChunk(s, db.dialect(), t, chunk); }));
    int64_t done = std::min(count, begin + kChunk);
    if (done % (kChunk * 10) == 0 || done == count)
      std::fprintf(stderr, "kehu generate: %s %lld/%lld\n", name, static_cast<long long>(done),
                   static_cast<long long>(count));
  }
  if (searched)
    KEHU_TRY(db.Write([&](db::Session& s) { return db.dialect().EndSearchBulkLoad(s, t.entity->table); }));
  return Ok();
}

// Departments under one 销售中心, the first member of each leading it; returns user ids by person.
Result<std::vector<int64_t>> CreateOrganisation(db::Database& db, const generate::DataSet& data,
                                                const std::string& password) {
  std::string hash = crypto::HashPassword(password);  // one slow hash for everyone
  std::vector<int64_t> ids;
  KEHU_TRY(db.Write([&](db::Session& s) -> Status {
    std::string now = NowIso();
    auto insert_department = [&](const std::string& name, Value parent) -> Result<int64_t> {
      KEHU_ASSIGN(db::Rows r, s.Query("INSERT INTO departments (name, parent_id, created_at, updated_at) "
                                      "VALUES (?, ?, ?, ?) RETURNING id",
                                      {Value(name), parent, Value(now), Value(now)}));
      return db::AsInt(r.rows[0][0]);
    };
    KEHU_ASSIGN(int64_t root, insert_department("销售中心", Value()));
    std::vector<int64_t> departments, heads;
    for (const auto& d : data.Departments()) {
      KEHU_ASSIGN(int64_t id, insert_department(d.name, Value(root)));
      departments.push_back(id);
    }
    heads.assign(departments.size(), 0);
    for (const auto& p : data.People()) {
      Value manager = p.supervisor ? Value() : Value(heads[p.department]);
      KEHU_ASSIGN(db::Rows r, s.Query(
          "INSERT INTO users (username, display_name, password_hash, department_id, manager_id, "
          "created_at, updated_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {Value(p.username), Value(p.display_name), Value(hash), Value(departments[p.department]), manager,
           Value(now), Value(now), Value(now)}));
      int64_t id = db::AsInt(r.rows[0][0]);
      if (p.supervisor) heads[p.department] = id;
      KEHU_TRY(s.Execute("INSERT INTO user_roles (user_id, role_id) SELECT ?, id FROM roles WHERE code = ?",
                         {Value(id), Value(p.supervisor ? "supervisor" : "sales_rep")}));
      ids.push_back(id);
    }
    return Ok();
  }));
  return ids;
}

Result<int64_t> NextId(db::Database& db, const std::string& table) {
  int64_t next = 1;
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows r, s.Query("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table));
    next = db::AsInt(r.rows[0][0]);
    return Ok();
  }));
  return next;
}

Status Generate(Services& sv, const GenerateOptions& o, json::object& summary) {
  db::Database& db = *sv.db;
  const meta::Entity* customers = sv.registry->Find("customers");
  const meta::Entity* contacts = sv.registry->Find("contacts");
  if (!customers || !contacts) return Internal("customers and contacts must be defined");
  KEHU_TRY(db.Read([&](db::Session& s) -> Status {
    KEHU_ASSIGN(db::Rows r, s.Query("SELECT 1 FROM users WHERE username = 'bench001'"));
    if (!r.empty()) return Error(ErrorKind::kConflict, "already_generated").Detail("user bench001 exists");
    return Ok();
  }));
  generate::DataSet data(o.seed, o.customers, o.contacts, o.users, o.departments);
  KEHU_ASSIGN(auto user_ids, CreateOrganisation(db, data, o.password));

  KEHU_TRY(db.Write([&](db::Session& s) -> Status {
    KEHU_TRY(records::DropIndexes(s, *customers));
    return records::DropIndexes(s, *contacts);
  }));
  KEHU_ASSIGN(int64_t first_customer, NextId(db, customers->table));
  KEHU_ASSIGN(int64_t first_contact, NextId(db, contacts->table));
  Table customer_table(*customers), contact_table(*contacts);
  KEHU_TRY(Load(db, customer_table, first_customer, o.customers, [&](int64_t i, std::string& at) {
    json::object row = data.Customer(i, at);
    row["ownerId"] = user_ids[row["ownerId"].as_int64()];
    return row;
  }));
  KEHU_TRY(Load(db, contact_table, first_contact, o.contacts, [&](int64_t j, std::string& at) {
    json::object row = data.Contact(j, at);
    row["customerId"] = first_customer + row["customerId"].as_int64();
    row["ownerId"] = user_ids[row["ownerId"].as_int64()];
    return row;
  }));

  std::fprintf(stderr, "kehu generate: building indexes\n");
  KEHU_TRY(records::BuildIndexes(db, *customers));
  KEHU_TRY(records::BuildIndexes(db, *contacts));
  KEHU_TRY(records::SyncSchema(db, *sv.registry));
  KEHU_TRY(db.Write([&](db::Session& s) -> Status {
    if (auto lift = db.dialect().LiftStatementTimeout(); !lift.empty()) KEHU_TRY(s.ExecuteScript(lift));
    KEHU_TRY(db.dialect().SyncIdSequence(s, customers->table));
    KEHU_TRY(db.dialect().SyncIdSequence(s, contacts->table));
    KEHU_TRY(s.ExecuteScript("ANALYZE"));
    summary = {{"customers", o.customers}, {"contacts", o.contacts}, {"users", o.users},
               {"departments", o.departments}, {"seed", o.seed}};
    return records::AppendAudit(s, records::Actor::System(), {"customers", 0, "generate", summary});
  }));
  return Ok();
}

}  // namespace

int RunGenerate(const CommonOptions& common, const GenerateOptions& options, const std::string& argv0) {
  if (options.customers < 0 || options.contacts < 0 || options.users < 1 || options.departments < 1 ||
      options.departments > options.users)
    return Fail(InvalidInput("bad_generate_options").Detail("need users >= departments >= 1"), "generate");
  auto started = std::chrono::steady_clock::now();
  auto services = OpenServices(common, argv0, 2);
  if (!services.ok()) return Fail(services.error(), "generate");
  json::object summary;
  Status st = Generate(**services, options, summary);
  if (!st.ok()) return Fail(st.error(), "generate");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  summary["seconds"] = static_cast<int64_t>(std::lround(seconds));
  std::printf("%s\n", json::serialize(summary).c_str());
  return 0;
}

}  // namespace kehu::app
