#include "files/blob.h"

#include <sodium.h>

namespace kehu::files {

db::Value BlobCodec::Param(std::string bytes) const {
  if (!hex_) return db::Value(std::move(bytes));
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  hex.pop_back();  // sodium_bin2hex writes a terminating NUL
  return db::Value(std::move(hex));
}

Result<std::string> BlobCodec::Decode(db::Value cell) const {
  auto* text = std::get_if<std::string>(&cell);
  if (!text) return Internal("file content is not text/blob");
  if (!hex_) return std::move(*text);
  std::string bytes(text->size() / 2, '\0');
  size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text->data(),
                     text->size(), nullptr, &len, nullptr) != 0 ||
      len != bytes.size())
    return Internal("file content is not valid hex");
  return bytes;
}

}  // namespace kehu::files
