#include "db/postgres/pg_dump.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <vector>

extern char** environ;

namespace kehu::db::pg {
namespace {

constexpr const char* kFallbackPgDump = "/usr/lib/postgresql/15/bin/pg_dump";

std::string FindPgDump() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/pg_dump";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return kFallbackPgDump;
}

Error DumpFailed(std::string detail) {
  return Error(ErrorKind::kInternal, "backup_failed").Detail("pg_dump: " + std::move(detail));
}

// Reads everything from fd until EOF.
std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return out;
    }
  }
}

}  // namespace

Status RunPgDump(const std::string& url, const std::string& out) {
  std::string program = FindPgDump();
  // pg_dump creates its file before connecting: write beside `out` and rename on success, so a
  // failed run never leaves a truncated file where a backup is expected.
  std::string partial = out + ".partial";
  std::vector<std::string> args = {program, "--format=custom", "--no-password", "--file=" + partial,
                                   "--dbname=" + url};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return DumpFailed(std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    return DumpFailed("cannot start " + program + ": " + std::strerror(rc));
  }
  std::string output = ReadAll(pipe_fds[0]);
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    unlink(partial.c_str());
    return DumpFailed(output);
  }
  if (rename(partial.c_str(), out.c_str()) != 0) {
    std::string error = std::strerror(errno);
    unlink(partial.c_str());
    return DumpFailed("cannot rename " + partial + " to " + out + ": " + error);
  }
  return Ok();
}

}  // namespace kehu::db::pg
