#include "imports/importer.h"

#include <boost/json.hpp>

#include <set>

#include "core/time.h"
#include "imports/cell_values.h"
#include "imports/references.h"
#include "records/audit.h"

namespace kehu::imports {
namespace json = boost::json;
using records::BatchResult;
using records::BatchWrite;

struct Importer::Pass {
  Pass(records::RecordService& records, const records::Actor& actor) : resolver(records, actor) {}

  CellDecoder decoder;
  ReferenceResolver resolver;
  std::vector<Outcome> outcomes;
  std::set<std::string> seen_unique;  // field + '\x1f' + value, validation pass only
  int64_t validated = 0, written = 0;
};

namespace {

struct PreparedRow {
  BatchWrite write;
  records::FieldErrors cell_errors;  // cells that could not be read as their field's type
};

bool IsReference(const meta::Field& f) {
  return f.type == meta::FieldType::kRelation || f.type == meta::FieldType::kUser;
}

std::vector<std::string> CellsOf(const ImportTable& t, size_t i, size_t width) {
  std::vector<std::string> cells;
  for (size_t c = 0; c < std::max(width, t.CellCount(i)); ++c) cells.emplace_back(t.Cell(i, c));
  return cells;
}

// The row's issue from the pipeline's answer and the cell errors (which win per field).
RowIssue IssueOf(const ImportTable& t, size_t i, size_t width, const Error* err,
                 const records::FieldErrors& cell_errors, const char* kind) {
  RowIssue issue{t.RowNumber(i), kind, err ? err->code : "validation_failed", {}, CellsOf(t, i, width)};
  if (err) issue.fields = err->fields;
  for (const auto& [field, code] : cell_errors) issue.fields[field] = code;
  if (!cell_errors.empty() && (!err || err->code == "confirmation_required"))
    issue.code = "validation_failed";
  return issue;
}

}  // namespace

const meta::Field* UpsertKeyField(const meta::Entity& e) {
  if (const meta::Field* code = e.FindField("code"); code && code->unique) return code;
  for (const auto& f : e.fields)
    if (f.unique && f.IsTextual()) return &f;
  return nullptr;
}

namespace {

PreparedRow Prepare(const ImportJob& job, size_t i, CellDecoder& decoder, ReferenceResolver& resolver,
                    std::set<std::string>* seen_unique) {
  PreparedRow p;
  json::object& body = p.write.body;
  for (size_t c = 0; c < job.columns.size(); ++c) {
    const meta::Field* f = job.columns[c].field;
    if (!f) continue;
    std::string_view cell = job.table.Cell(i, c);
    auto v = IsReference(*f) ? resolver.Resolve(*f, cell, p.cell_errors)
                             : decoder.Decode(*f, cell, p.cell_errors);
    if (!v) continue;
    if (seen_unique && f->unique && v->is_string() &&
        !seen_unique->insert(f->name + '\x1f' + std::string(v->as_string())).second)
      p.cell_errors[f->name] = "duplicate_in_file";
    body[f->name] = std::move(*v);
  }
  if (job.record.mode == "upsert") {
    if (const meta::Field* key = UpsertKeyField(*job.entity)) p.write.match_field = key->name;
  }
  if (job.record.on_duplicate == "create") {
    json::array confirm;  // every warning the pipeline may ask about, accepted up front
    for (const auto& f : job.entity->fields) confirm.emplace_back(f.name);
    body["confirm"] = std::move(confirm);
  }
  p.write.discard = !p.cell_errors.empty();
  return p;
}

}  // namespace

Status Importer::Validate(ImportJob& job, Pass& pass, const std::atomic<bool>& cancel) {
  ImportRecord& r = job.record;
  const size_t n = job.table.size(), width = job.table.headers.size();
  const bool skip_duplicates = r.on_duplicate == "skip";
  for (size_t start = 0; start < n; start += batch_size_) {
    if (cancel) return Error(ErrorKind::kUnavailable, "import_interrupted");
    size_t end = std::min(n, start + batch_size_);
    std::vector<PreparedRow> rows;
    std::vector<BatchWrite> writes;
    for (size_t i = start; i < end; ++i) {
      rows.push_back(Prepare(job, i, pass.decoder, pass.resolver, &pass.seen_unique));
      writes.push_back(rows.back().write);
    }
    KEHU_ASSIGN(auto results, records_.WriteBatch(job.actor, *job.entity, writes,
                                                  [](const std::vector<BatchResult>&) { return false; }));
    std::vector<RowIssue> issues;
    for (size_t k = 0; k < results.size(); ++k) {
      size_t i = start + k;
      const BatchResult& res = results[k];
      const records::FieldErrors& cell_errors = rows[k].cell_errors;
      const Error* err = res.status.ok() ? nullptr : &res.status.error();
      if (cell_errors.empty() && !err) {
        pass.outcomes[i] = res.created ? Outcome::kCreate : Outcome::kUpdate;
        ++(res.created ? r.created : r.updated);
      } else if (cell_errors.empty() && err->code == "confirmation_required" && skip_duplicates) {
        pass.outcomes[i] = Outcome::kSkip;
        ++r.skipped;
        issues.push_back(IssueOf(job.table, i, width, err, cell_errors, "skipped"));
      } else {
        pass.outcomes[i] = Outcome::kError;
        ++r.error_count;
        issues.push_back(IssueOf(job.table, i, width, err, cell_errors, "error"));
      }
    }
    KEHU_TRY(store_.AddIssues(r.id, issues));
    pass.validated = static_cast<int64_t>(end);
    r.processed = r.dry_run ? pass.validated : pass.validated / 2;
    KEHU_TRY(store_.Save(r));
  }
  return Ok();
}

Status Importer::Write(ImportJob& job, Pass& pass, const std::atomic<bool>& cancel) {
  ImportRecord& r = job.record;
  const size_t n = job.table.size(), width = job.table.headers.size();
  const bool skip_duplicates = r.on_duplicate == "skip";
  r.phase = "writing";
  r.created = r.updated = 0;
  for (size_t start = 0; start < n;) {
    if (cancel) return Error(ErrorKind::kUnavailable, "import_interrupted");
    std::vector<size_t> index;  // rows of this batch
    std::vector<BatchWrite> writes;
    size_t i = start;
    for (; i < n && static_cast<int>(writes.size()) < batch_size_; ++i) {
      if (pass.outcomes[i] == Outcome::kSkip) continue;
      index.push_back(i);
      writes.push_back(Prepare(job, i, pass.decoder, pass.resolver, nullptr).write);
    }
    auto acceptable = [&](const BatchResult& res) {
      return res.status.ok() ||
             (skip_duplicates && res.status.error().code == "confirmation_required");
    };
    KEHU_ASSIGN(auto results, records_.WriteBatch(job.actor, *job.entity, writes,
                                                  [&](const std::vector<BatchResult>& all) {
                                                    return std::all_of(all.begin(), all.end(), acceptable);
                                                  }));
    std::vector<RowIssue> issues;
    bool kept = std::all_of(results.begin(), results.end(), acceptable);
    for (size_t k = 0; k < results.size(); ++k) {
      const BatchResult& res = results[k];
      if (res.status.ok()) {
        if (kept) ++(res.created ? r.created : r.updated);
        continue;
      }
      // A row valid a moment ago fails now: someone changed the data meanwhile, or a likely
      // duplicate of a row written earlier in this import.
      bool skip = acceptable(res);
      if (skip) ++r.skipped;
      else ++r.error_count;
      issues.push_back(IssueOf(job.table, index[k], width, &res.status.error(), {},
                               skip ? "skipped" : "error"));
    }
    KEHU_TRY(store_.AddIssues(r.id, issues));
    if (!kept) return Error(ErrorKind::kConflict, "import_rows_failed");
    pass.written = static_cast<int64_t>(i);
    r.processed = (pass.validated + pass.written) / 2;
    KEHU_TRY(store_.Save(r));
    start = i;
  }
  return Ok();
}

Status Importer::AuditSummary(const ImportJob& job) {
  const ImportRecord& r = job.record;
  json::object details{{"importId", r.id},     {"rows", r.total},     {"created", r.created},
                       {"updated", r.updated}, {"skipped", r.skipped}, {"mode", r.mode},
                       {"onDuplicate", r.on_duplicate}};
  if (!r.file_name.empty()) details["fileName"] = r.file_name;
  return records_.database().Write([&](db::Session& s) {
    return records::AppendAudit(s, job.actor, {job.entity->name, 0, "import", std::move(details)});
  });
}

Status Importer::Run(ImportJob& job, const std::atomic<bool>& cancel) {
  ImportRecord& r = job.record;
  Pass pass(records_, job.actor);
  pass.outcomes.assign(job.table.size(), Outcome::kPending);
  Status st = Validate(job, pass, cancel);
  if (st.ok() && !r.dry_run) {
    if (r.error_count > 0) {
      r.created = r.updated = r.skipped = 0;  // nothing is written
      r.state = "failed";
      r.processed = r.total;
    } else {
      st = Write(job, pass, cancel);
      if (r.created + r.updated > 0) {
        Status audited = AuditSummary(job);
        if (st.ok()) st = audited;
      }
    }
  }
  if (!st.ok()) {
    r.state = "failed";
    r.failure = st.error().code;
  } else if (r.state == "running") {
    r.state = "done";
  }
  r.phase = "finished";
  if (r.state == "done") r.processed = r.total;
  r.finished_at = NowIso();
  return store_.Save(r);
}

}  // namespace kehu::imports
