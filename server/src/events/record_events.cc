// Placeholder until the webhooks work lands: emits nothing.
#include "events/record_events.h"

namespace kehu::events {

Status Emit(db::Session&, const RecordEvent&) { return Ok(); }
void RegisterRecordEventHooks(records::Hooks&) {}

}  // namespace kehu::events
