#include "documents/xlsx_zip.h"

#include <unzip.h>

#include <algorithm>
#include <cstring>

namespace kehu::documents {

// The archive bytes and a read position: minizip's I/O callbacks work on this.
struct ZipReader::Memory {
  std::string_view bytes;
  uint64_t pos = 0;
};

namespace {

using Memory = ZipReader::Memory;

voidpf ZCALLBACK MemOpen(voidpf opaque, const void*, int mode) {
  if (mode & ZLIB_FILEFUNC_MODE_WRITE) return nullptr;
  static_cast<Memory*>(opaque)->pos = 0;
  return opaque;
}

uLong ZCALLBACK MemRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* m = static_cast<Memory*>(stream);
  uint64_t left = m->bytes.size() - std::min<uint64_t>(m->pos, m->bytes.size());
  uLong n = static_cast<uLong>(std::min<uint64_t>(size, left));
  std::memcpy(buf, m->bytes.data() + m->pos, n);
  m->pos += n;
  return n;
}

uLong ZCALLBACK MemWrite(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T ZCALLBACK MemTell(voidpf, voidpf stream) { return static_cast<Memory*>(stream)->pos; }

long ZCALLBACK MemSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* m = static_cast<Memory*>(stream);
  uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                  : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos
                                                     : m->bytes.size();
  uint64_t target = base + offset;
  if (target > m->bytes.size()) return -1;
  m->pos = target;
  return 0;
}

int ZCALLBACK MemClose(voidpf, voidpf) { return 0; }
int ZCALLBACK MemError(voidpf, voidpf) { return 0; }

constexpr int kCaseInsensitive = 2;  // unzLocateFile's iCaseSensitivity

}  // namespace

Result<std::unique_ptr<ZipReader>> ZipReader::Open(std::string_view bytes) {
  // "PK\3\4": a local file header; anything else (OLE "\xD0\xCF\x11\xE0", text) is not a ZIP.
  if (bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4))
    return InvalidInput("not_xlsx").Detail("no ZIP signature");
  auto memory = std::make_unique<Memory>();
  memory->bytes = bytes;
  zlib_filefunc64_def io = {};
  io.zopen64_file = MemOpen;
  io.zread_file = MemRead;
  io.zwrite_file = MemWrite;
  io.ztell64_file = MemTell;
  io.zseek64_file = MemSeek;
  io.zclose_file = MemClose;
  io.zerror_file = MemError;
  io.opaque = memory.get();
  unzFile unz = unzOpen2_64("memory.xlsx", &io);
  if (!unz) return InvalidInput("not_xlsx").Detail("unreadable ZIP directory");
  return std::unique_ptr<ZipReader>(new ZipReader(std::move(memory), unz));
}

ZipReader::ZipReader(std::unique_ptr<Memory> memory, void* unz)
    : memory_(std::move(memory)), unz_(unz) {}

ZipReader::~ZipReader() { unzClose(static_cast<unzFile>(unz_)); }

bool ZipReader::Has(const std::string& name) {
  return unzLocateFile(static_cast<unzFile>(unz_), name.c_str(), kCaseInsensitive) == UNZ_OK;
}

Status ZipReader::Read(const std::string& name, uint64_t& budget,
                       const std::function<Status(std::string_view)>& fn) {
  auto unz = static_cast<unzFile>(unz_);
  if (unzLocateFile(unz, name.c_str(), kCaseInsensitive) != UNZ_OK)
    return XlsxMalformed("missing part " + name);
  unz_file_info64 info;
  if (unzGetCurrentFileInfo64(unz, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
    return XlsxMalformed("bad entry " + name);
  if (info.uncompressed_size > budget) return XlsxTooLarge().Detail(name);  // declared size
  if (unzOpenCurrentFile(unz) != UNZ_OK) return XlsxMalformed("cannot open " + name);
  std::string buffer(64 * 1024, '\0');
  Status status;
  for (;;) {
    int n = unzReadCurrentFile(unz, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0) {
      status = XlsxMalformed("inflate failed in " + name + ": " + std::to_string(n));
      break;
    }
    if (n == 0) break;
    // Counted as inflated, so a directory that lies about sizes gains nothing.
    if (static_cast<uint64_t>(n) > budget) {
      status = XlsxTooLarge().Detail(name);
      break;
    }
    budget -= static_cast<uint64_t>(n);
    status = fn(std::string_view(buffer.data(), static_cast<size_t>(n)));
    if (!status.ok()) break;
  }
  int close = unzCloseCurrentFile(unz);  // UNZ_CRCERROR when read to the end with a bad CRC
  if (status.ok() && close != UNZ_OK) status = XlsxMalformed("CRC error in " + name);
  return status;
}

}  // namespace kehu::documents
