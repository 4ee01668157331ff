#include "app/commands.h"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "records/audit.h"

namespace kehu::app {

int Fail(const Error& e, const char* what) {
  std::fprintf(stderr, "kehu: %s failed: %s %s\n", what, e.code.c_str(), e.detail.c_str());
  return 1;
}

int RunInit(const CommonOptions& common, const InitOptions& options, const std::string& argv0) {
  if (options.admin_password.size() < 8) {
    std::fprintf(stderr, "kehu: the admin password needs at least 8 characters\n");
    return 2;
  }
  auto services = OpenServices(common, argv0, 2);
  if (!services.ok()) return Fail(services.error(), "init");
  auto admin = (*services)->auth->EnsureUser(
      {"admin", "系统管理员", options.admin_password, "", {"admin"}});
  if (!admin.ok()) return Fail(admin.error(), "init");
  std::printf("kehu: database ready (%s); user admin has id %lld\n",
              std::string((*services)->db->kind()).c_str(), static_cast<long long>(*admin));
  return 0;
}

int RunDemo(const CommonOptions& common, const std::string& argv0) {
  auto services = OpenServices(common, argv0, 2);
  if (!services.ok()) return Fail(services.error(), "demo");
  auto created = FillDemoData(**services);
  if (!created.ok()) return Fail(created.error(), "demo");
  std::printf("kehu: demo data ready (%d customers created)\n", *created);
  return 0;
}

int RunBackup(const CommonOptions& common, const std::string& out, const std::string& argv0) {
  auto services = OpenServices(common, argv0, 2);
  if (!services.ok()) return Fail(services.error(), "backup");
  Status st = (*services)->db->Backup(out);
  if (!st.ok()) return Fail(st.error(), "backup");
  std::printf("kehu: backup written to %s\n", out.c_str());
  return 0;
}

int RunAuditVerify(const CommonOptions& common, const std::string& argv0) {
  auto services = OpenServices(common, argv0, 2);
  if (!services.ok()) return Fail(services.error(), "audit verify");
  auto result = records::VerifyAuditChain(*(*services)->db);
  if (!result.ok()) return Fail(result.error(), "audit verify");
  if (!result->intact) {
    std::printf("kehu: audit log TAMPERED at row %lld: %s (%lld rows intact before it)\n",
                static_cast<long long>(result->first_bad_id), result->problem.c_str(),
                static_cast<long long>(result->rows));
    return 3;
  }
  std::printf("kehu: audit log intact (%lld rows)\n", static_cast<long long>(result->rows));
  return 0;
}

}  // namespace kehu::app
