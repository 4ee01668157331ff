// Who is acting, and from where. Built by the API layer from the session or token; passed to every
// record operation so permissions and the audit log see the same identity.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kehu::records {

struct Actor {
  int64_t user_id = 0;          // 0 = the system itself (init, demo, jobs)
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  bool is_admin = false;
  std::string remote_address;
  std::string request_id;
  std::string locale = "zh-CN";

  static Actor System() {
    Actor a;
    a.username = "system";
    a.is_admin = true;
    return a;
  }
};

}  // namespace kehu::records
