// Build-time generator of Kehu's pinyin table (core/text/pinyin_table.h) from Unihan.
//
//   kehu_pinyin_gen <bzip2 program> <Unihan_Readings.txt.bz2> <output .cc>
//
// For each code point the readings come from the first of kTGHZ2013, kXHC1983, kHanyuPinyin,
// kMandarin that the character has, all of them kept (polyphones must match every reading), made
// toneless ASCII (ü → v) and deduplicated. The customary reading (kMandarin's first) goes first,
// since "first reading" is what sorting uses. Unknown letters in the data fail the build rather
// than silently producing a wrong table.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Priority order of the reading sources; kMandarin is also the customary reading.
const char* const kSources[] = {"kTGHZ2013", "kXHC1983", "kHanyuPinyin", "kMandarin"};
constexpr int kSourceCount = 4;
constexpr int kMandarinSource = 3;

struct CharReadings {
  std::vector<std::string> by_source[kSourceCount];
};

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Decodes one UTF-8 code point (the data is valid UTF-8); advances i.
char32_t Next(const std::string& s, size_t& i) {
  unsigned char c = s[i];
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
  i += len;
  return cp;
}

// Maps one code point of a toned reading to its toneless ASCII letter(s); false if unknown.
bool Toneless(char32_t cp, std::string& out) {
  static const std::map<char32_t, char> kMap = {
      {U'ā', 'a'}, {U'á', 'a'}, {U'ǎ', 'a'}, {U'à', 'a'}, {U'ē', 'e'}, {U'é', 'e'}, {U'ě', 'e'},
      {U'è', 'e'}, {U'ê', 'e'}, {U'ế', 'e'}, {U'ề', 'e'}, {U'ī', 'i'}, {U'í', 'i'}, {U'ǐ', 'i'},
      {U'ì', 'i'}, {U'ō', 'o'}, {U'ó', 'o'}, {U'ǒ', 'o'}, {U'ò', 'o'}, {U'ū', 'u'}, {U'ú', 'u'},
      {U'ǔ', 'u'}, {U'ù', 'u'}, {U'ü', 'v'}, {U'ǖ', 'v'}, {U'ǘ', 'v'}, {U'ǚ', 'v'}, {U'ǜ', 'v'},
      {U'ń', 'n'}, {U'ň', 'n'}, {U'ǹ', 'n'}, {U'ḿ', 'm'}};
  if (cp >= 'a' && cp <= 'z') {
    out += static_cast<char>(cp);
  } else if (cp >= 'A' && cp <= 'Z') {
    out += static_cast<char>(cp - 'A' + 'a');
  } else if (cp >= 0x0300 && cp <= 0x036F) {
    // Combining tone marks (ê̄, m̀): dropped.
  } else if (auto it = kMap.find(cp); it != kMap.end()) {
    out += it->second;
  } else {
    return false;
  }
  return true;
}

// Splits a field value into readings: entries are separated by spaces; an entry may carry a
// dictionary location before ':' and several readings separated by ','.
std::vector<std::string> SplitReadings(const std::string& value) {
  std::vector<std::string> out;
  std::istringstream entries(value);
  std::string entry;
  while (entries >> entry) {
    size_t colon = entry.rfind(':');
    std::string readings = colon == std::string::npos ? entry : entry.substr(colon + 1);
    std::istringstream parts(readings);
    std::string part;
    while (std::getline(parts, part, ',')) {
      if (!part.empty()) out.push_back(part);
    }
  }
  return out;
}

bool ParseLine(const std::string& line, std::map<char32_t, CharReadings>& table) {
  if (line.rfind("U+", 0) != 0) return true;
  size_t tab1 = line.find('\t');
  size_t tab2 = line.find('\t', tab1 + 1);
  if (tab1 == std::string::npos || tab2 == std::string::npos) return true;
  std::string field = line.substr(tab1 + 1, tab2 - tab1 - 1);
  int source = -1;
  for (int k = 0; k < kSourceCount; ++k) {
    if (field == kSources[k]) source = k;
  }
  if (source < 0) return true;
  char32_t cp = std::stoul(line.substr(2, tab1 - 2), nullptr, 16);
  for (const std::string& toned : SplitReadings(line.substr(tab2 + 1))) {
    std::string plain;
    for (size_t i = 0; i < toned.size();) {
      if (!Toneless(Next(toned, i), plain)) {
        std::cerr << "kehu_pinyin_gen: unknown letter in reading '" << toned << "' of U+"
                  << std::hex << static_cast<unsigned long>(cp) << "\n";
        return false;
      }
    }
    if (!plain.empty()) table[cp].by_source[source].push_back(plain);
  }
  return true;
}

// The readings kept for one character: the first source that has any, customary reading first.
std::vector<std::string> Choose(const CharReadings& r) {
  std::vector<std::string> chosen;
  for (int k = 0; k < kSourceCount && chosen.empty(); ++k) chosen = r.by_source[k];
  const auto& mandarin = r.by_source[kMandarinSource];
  if (!mandarin.empty()) chosen.insert(chosen.begin(), mandarin.front());
  std::vector<std::string> unique;
  for (const std::string& s : chosen) {
    if (std::find(unique.begin(), unique.end(), s) == unique.end()) unique.push_back(s);
  }
  return unique;
}

bool Write(const std::map<char32_t, CharReadings>& table, const std::string& path) {
  std::map<char32_t, std::vector<std::string>> chosen;
  std::map<std::string, int> syllables;
  for (const auto& [cp, r] : table) {
    chosen[cp] = Choose(r);
    for (const std::string& s : chosen[cp]) syllables[s] = 0;
  }
  int id = 0;
  for (auto& [s, n] : syllables) n = id++;

  std::ostringstream out;
  out << "// Generated by server/tools/pinyin/gen_pinyin_table.cc from Unihan. Do not edit.\n"
      << "#include \"core/text/pinyin_table.h\"\n\nnamespace kehu::text::internal {\n\n"
      << "const std::string_view kPinyinSyllables[] = {";
  for (const auto& [s, n] : syllables) out << (n % 12 ? " " : "\n    ") << '"' << s << "\",";
  out << "\n};\n\nconst std::uint16_t kPinyinReadingIds[] = {";
  size_t count = 0;
  for (const auto& [cp, readings] : chosen) {
    for (const std::string& s : readings) {
      out << (count++ % 16 ? " " : "\n    ") << syllables[s] << ',';
    }
  }
  out << "\n};\n\nconst PinyinEntry kPinyinEntries[] = {";
  size_t first = 0, n = 0;
  for (const auto& [cp, readings] : chosen) {
    out << (n++ % 6 ? " " : "\n    ") << "{0x" << std::hex << static_cast<unsigned long>(cp)
        << std::dec << ", " << first << "},";
    first += readings.size();
  }
  out << "\n    {0x110000, " << first << "},  // sentinel\n};\n\n"
      << "const std::size_t kPinyinEntryCount = " << chosen.size() << ";\n\n"
      << "}  // namespace kehu::text::internal\n";

  std::string tmp = path + ".tmp";
  std::ofstream file(tmp, std::ios::binary);
  file << out.str();
  file.close();
  if (!file || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::cerr << "kehu_pinyin_gen: cannot write " << path << "\n";
    return false;
  }
  std::cout << "kehu_pinyin_gen: " << chosen.size() << " characters, " << first << " readings, "
            << syllables.size() << " syllables\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: kehu_pinyin_gen <bzip2> <Unihan_Readings.txt.bz2> <out.cc>\n";
    return 2;
  }
  std::string command = ShellQuote(argv[1]) + " -dc " + ShellQuote(argv[2]);
  FILE* in = popen(command.c_str(), "r");
  if (in == nullptr) {
    std::cerr << "kehu_pinyin_gen: cannot run " << command << "\n";
    return 1;
  }
  std::map<char32_t, CharReadings> table;
  std::string line;
  bool ok = true;
  char buf[4096];
  while (ok && fgets(buf, sizeof buf, in) != nullptr) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    line.pop_back();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ok = ParseLine(line, table);
    line.clear();
  }
  if (pclose(in) != 0 || table.empty()) {
    std::cerr << "kehu_pinyin_gen: reading " << argv[2] << " failed\n";
    return 1;
  }
  return ok && Write(table, argv[3]) ? 0 : 1;
}
