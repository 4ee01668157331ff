// Placeholder until the notifications work lands: stores nothing.
#include "notify/notifier.h"

namespace kehu::notify {

Notifier::Notifier(auth::AuthService& auth, const records::AccessPolicy& access,
                   std::shared_ptr<const meta::Registry> registry)
    : auth_(auth), access_(access), registry_(std::move(registry)) {}
Notifier::~Notifier() = default;

Result<int64_t> Notifier::Add(db::Session&, const Notification&) { return int64_t{0}; }

}  // namespace kehu::notify
