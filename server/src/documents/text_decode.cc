#include "documents/text_decode.h"

#include <unicode/ucnv.h>

#include <memory>

#include "core/text/utf8.h"

namespace kehu::documents {

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Error UnknownEncoding(std::string_view detail) {
  return InvalidInput("unknown_encoding").Detail(std::string(detail));
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Share of the non-ASCII byte pairs of `bytes` (read as lead + trail) for which `common` holds.
// Used only to choose between two decodings that both succeeded, so the pairing needs no more
// precision than "how a double-byte encoding would read it".
template <class Pred>
double CommonShare(std::string_view bytes, Pred common) {
  size_t pairs = 0, hits = 0;
  for (size_t i = 0; i + 1 < bytes.size();) {
    auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    auto trail = static_cast<unsigned char>(bytes[i + 1]);
    ++pairs;
    if (common(lead, trail)) ++hits;
    i += 2;
  }
  return pairs == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(pairs);
}

// GB2312: symbol rows A1–A9 and hanzi rows B0–F7, trail A1–FE. Text written by Simplified
// Windows stays almost entirely inside it.
bool InGb2312(unsigned char lead, unsigned char trail) {
  return ((lead >= 0xA1 && lead <= 0xA9) || (lead >= 0xB0 && lead <= 0xF7)) && trail >= 0xA1 &&
         trail <= 0xFE;
}

// Big5 symbols and level-1 hanzi (the 5,401 frequent characters): A140–C67E.
bool InBig5Level1(unsigned char lead, unsigned char trail) {
  return (lead >= 0xA1 && lead <= 0xC5) || (lead == 0xC6 && trail <= 0x7E);
}

// Bytes 0x80 and 0xFF cannot start a Big5 character, yet ICU's code page 950 maps them (to U+0080
// and U+F8F8) for round trips; without this check any garbage would "decode" as Big5.
bool HasStrayBig5Byte(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead == 0x80 || lead == 0xFF) return true;
    i += lead < 0x80 ? 1 : 2;
  }
  return false;
}

}  // namespace

Result<std::string> ConvertToUtf8(std::string_view bytes, const char* encoding) {
  UErrorCode err = U_ZERO_ERROR;
  Converter source(ucnv_open(encoding, &err));
  if (U_FAILURE(err)) return UnknownEncoding(std::string("no converter ") + encoding);
  Converter utf8(ucnv_open("UTF-8", &err));
  if (U_FAILURE(err)) return Internal("ucnv_open(UTF-8) failed");
  ucnv_setToUCallBack(source.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return Internal("ucnv_setToUCallBack failed");

  std::string out;
  out.resize(bytes.size() + bytes.size() / 2 + 16);  // CJK: 2 bytes in, 3 out
  char* target = out.data();
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar pivot[1024];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  bool reset = true;
  for (;;) {
    err = U_ZERO_ERROR;
    ucnv_convertEx(utf8.get(), source.get(), &target, out.data() + out.size(), &src, src_end, pivot,
                   &pivot_source, &pivot_target, pivot + 1024, reset, /*flush=*/true, &err);
    reset = false;
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
    size_t used = static_cast<size_t>(target - out.data());
    out.resize(out.size() * 2);
    target = out.data() + used;
  }
  if (U_FAILURE(err)) return UnknownEncoding(std::string(encoding) + ": " + u_errorName(err));
  out.resize(static_cast<size_t>(target - out.data()));
  return out;
}

Result<DecodedText> DecodeText(std::string_view bytes) {
  struct Bom {
    std::string_view mark;
    const char* encoding;
  };
  static constexpr Bom kBoms[] = {
      {"\xEF\xBB\xBF", "UTF-8"}, {"\xFF\xFE", "UTF-16LE"}, {"\xFE\xFF", "UTF-16BE"}};
  for (const Bom& bom : kBoms) {
    if (!StartsWith(bytes, bom.mark)) continue;
    std::string_view rest = bytes.substr(bom.mark.size());
    if (bom.encoding == std::string_view("UTF-8")) {
      if (!text::IsValidUtf8(rest)) return UnknownEncoding("UTF-8 BOM, ill-formed UTF-8");
      return DecodedText{std::string(rest), "UTF-8", true};
    }
    KEHU_ASSIGN(std::string text, ConvertToUtf8(rest, bom.encoding));
    return DecodedText{std::move(text), bom.encoding, true};
  }
  if (text::IsValidUtf8(bytes)) return DecodedText{std::string(bytes), "UTF-8", false};

  Result<std::string> gb = ConvertToUtf8(bytes, "GB18030");
  // Excel on Traditional Windows writes code page 950 (Big5 plus a few extensions).
  Result<std::string> big5 = HasStrayBig5Byte(bytes)
                                 ? Result<std::string>(UnknownEncoding("stray byte for Big5"))
                                 : ConvertToUtf8(bytes, "windows-950");
  if (gb.ok() && big5.ok()) {
    double gb_share = CommonShare(bytes, InGb2312);
    double big5_share = CommonShare(bytes, InBig5Level1);
    if (big5_share > gb_share) return DecodedText{std::move(big5).value(), "Big5", false};
    return DecodedText{std::move(gb).value(), "GB18030", false};
  }
  if (gb.ok()) return DecodedText{std::move(gb).value(), "GB18030", false};
  if (big5.ok()) return DecodedText{std::move(big5).value(), "Big5", false};
  return UnknownEncoding("not UTF-8, GB18030 or Big5");
}

}  // namespace kehu::documents
