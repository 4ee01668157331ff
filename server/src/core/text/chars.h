// Character classes shared by the pinyin and search-term code.
#pragma once

namespace kehu::text {

// Letters (L*, which includes CJK ideographs and kana) and numbers (N*): the characters that make
// up words and search terms. Everything else (spaces, punctuation, symbols, marks, controls)
// separates words. Marks are separators so that terms match SQLite's unicode61 token characters.
bool IsWordChar(char32_t cp);

}  // namespace kehu::text
