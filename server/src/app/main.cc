// kehu: init | serve | demo | generate | backup | audit verify. Options come from flags, KEHU_* environment
// variables and an optional TOML/INI config file (--config), in that order of precedence.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "app/app.h"
#include "app/commands.h"
#include "core/log.h"

int main(int argc, char** argv) {
  using namespace kehu::app;
  CLI::App cli{"Kehu CRM server"};
  cli.set_config("--config", "", "TOML or INI file with the same options");
  cli.require_subcommand(1);
  CommonOptions common;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--db", common.db_url, "Database URL: sqlite:/path/kehu.db or postgresql://user@host:port/db")
        ->envname("KEHU_DB")->capture_default_str();
    sub->add_option("--metadata", common.metadata_dir, "Directory of entity definitions")->envname("KEHU_METADATA");
    sub->add_option("--log-level", common.log_level, "trace, debug, info, warn, error")
        ->envname("KEHU_LOG_LEVEL")->capture_default_str();
  };

  InitOptions init;
  auto* init_cmd = cli.add_subcommand("init", "Create or upgrade the schema and the admin user");
  add_common(init_cmd);
  init_cmd->add_option("--admin-password", init.admin_password, "Password of user admin (only set when created)")
      ->envname("KEHU_ADMIN_PASSWORD")->required();

  ServeOptions serve;
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the API and the web UI");
  add_common(serve_cmd);
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT (port 0 picks a free one)")
      ->envname("KEHU_LISTEN")->capture_default_str();
  serve_cmd->add_option("--static", serve.static_dir, "Built web UI (default: web/dist)")->envname("KEHU_STATIC");
  serve_cmd->add_option("--tls-cert", serve.tls_cert, "PEM certificate chain (enables HTTPS)")->envname("KEHU_TLS_CERT");
  serve_cmd->add_option("--tls-key", serve.tls_key, "PEM private key")->envname("KEHU_TLS_KEY");
  serve_cmd->add_option("--io-threads", serve.io_threads, "I/O threads")->capture_default_str();
  serve_cmd->add_option("--workers", serve.workers, "Worker threads for writes and long requests (exports, PDFs; 0: 64 on SQLite, 32 on PostgreSQL)")
      ->capture_default_str();
  serve_cmd->add_option("--short-workers", serve.short_workers, "Worker threads for reads (0: one per core on SQLite, four on PostgreSQL)")
      ->capture_default_str();
  serve_cmd->add_option("--shutdown-grace", serve.shutdown_grace_seconds, "Seconds to finish in-flight requests")
      ->capture_default_str();
  serve_cmd->add_option("--smtp", serve.smtp_url,
                        "Default mail server: smtp://host:25, smtp+starttls://host:587 or smtps://host:465")
      ->envname("KEHU_SMTP_URL");
  serve_cmd->add_option("--smtp-from", serve.smtp_from, "Default sender, e.g. \"Kehu <crm@example.com>\"")
      ->envname("KEHU_SMTP_FROM");
  serve_cmd->add_option("--smtp-username", serve.smtp_username, "Default SMTP AUTH user")->envname("KEHU_SMTP_USERNAME");
  serve_cmd->add_option("--smtp-password", serve.smtp_password, "Default SMTP AUTH password (prefer the env variable)")
      ->envname("KEHU_SMTP_PASSWORD");
  serve_cmd->add_option("--smtp-ca-file", serve.smtp_ca_file, "Extra trusted CA (PEM) for the mail server's TLS")
      ->envname("KEHU_SMTP_CA_FILE");
  bool jobs_json = false;
  auto* jobs_cmd = cli.add_subcommand("jobs", "Scheduled background jobs");
  jobs_cmd->require_subcommand(1);
  auto* jobs_list_cmd = jobs_cmd->add_subcommand("list", "List jobs: schedule, next and last run, failures");
  add_common(jobs_list_cmd);
  jobs_list_cmd->add_flag("--json", jobs_json, "Print JSON instead of a table");

  auto* demo_cmd = cli.add_subcommand("demo", "Fill realistic Chinese demo data (idempotent)");
  add_common(demo_cmd);

  GenerateOptions gen;
  auto* generate_cmd = cli.add_subcommand("generate", "Fill benchmark data at scale (bench/, issue #6)");
  add_common(generate_cmd);
  generate_cmd->add_option("--customers", gen.customers, "Customers")->capture_default_str();
  generate_cmd->add_option("--contacts", gen.contacts, "Contacts, spread evenly over the customers")->capture_default_str();
  generate_cmd->add_option("--users", gen.users, "Users bench001...: supervisors and reps")->capture_default_str();
  generate_cmd->add_option("--departments", gen.departments, "Departments, each led by a supervisor")->capture_default_str();
  generate_cmd->add_option("--seed", gen.seed, "Same seed, same data")->capture_default_str();
  generate_cmd->add_option("--password", gen.password, "Password of every generated user")->capture_default_str();

  std::string backup_out;
  auto* backup_cmd = cli.add_subcommand("backup", "Write a consistent online backup");
  add_common(backup_cmd);
  backup_cmd->add_option("--out", backup_out, "Output file")->required();

  auto* audit_cmd = cli.add_subcommand("audit", "Audit log tools");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd = audit_cmd->add_subcommand("verify", "Check the audit log's hash chain");
  add_common(verify_cmd);

  CLI11_PARSE(cli, argc, argv);
  kehu::InitLogging(common.log_level);
  std::string argv0 = argv[0];
  if (init_cmd->parsed()) return RunInit(common, init, argv0);
  if (serve_cmd->parsed()) return RunServe(common, serve, argv0);
  if (demo_cmd->parsed()) return RunDemo(common, argv0);
  if (generate_cmd->parsed()) return RunGenerate(common, gen, argv0);
  if (backup_cmd->parsed()) return RunBackup(common, backup_out, argv0);
  if (verify_cmd->parsed()) return RunAuditVerify(common, argv0);
  if (jobs_list_cmd->parsed()) return RunJobsList(common, jobs_json, argv0);
  return 2;
}
