#include "core/text/variants.h"

#include <algorithm>

namespace kehu::text::internal {
namespace {

class Enumerator {
 public:
  Enumerator(const std::vector<Choices>& slots, std::size_t max_variants)
      : slots_(slots), max_(max_variants), pick_(slots.size(), 0) {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (slots[i].size() > 1) poly_.push_back(i);
    }
  }

  std::vector<std::string> Run() {
    if (slots_.empty() || max_ == 0) return {};
    for (std::size_t k = 0; k <= poly_.size() && !Full(); ++k) DeviateIn(k);
    return std::move(out_);
  }

 private:
  bool Full() const { return out_.size() >= max_; }

  // Every variant in which exactly `k` polyphone positions deviate from their default.
  void DeviateIn(std::size_t k) {
    std::vector<std::size_t> combo(k);  // indexes into poly_, strictly increasing
    for (std::size_t j = 0; j < k; ++j) combo[j] = j;
    while (!Full()) {
      AlternativesAt(combo);
      if (!NextCombination(combo)) return;
    }
  }

  // Every assignment of non-default choices to the positions of `combo` (an odometer).
  void AlternativesAt(const std::vector<std::size_t>& combo) {
    for (std::size_t j : combo) pick_[poly_[j]] = 1;
    while (!Full()) {
      Emit();
      std::size_t j = 0;
      for (; j < combo.size(); ++j) {
        std::size_t& p = pick_[poly_[combo[j]]];
        if (++p < slots_[poly_[combo[j]]].size()) break;
        p = 1;
      }
      if (j == combo.size()) break;
    }
    for (std::size_t j : combo) pick_[poly_[j]] = 0;
  }

  bool NextCombination(std::vector<std::size_t>& combo) const {
    const std::size_t n = poly_.size(), k = combo.size();
    for (std::size_t j = k; j-- > 0;) {
      if (combo[j] < n - k + j) {
        ++combo[j];
        for (std::size_t m = j + 1; m < k; ++m) combo[m] = combo[m - 1] + 1;
        return true;
      }
    }
    return false;
  }

  void Emit() {
    std::string s;
    for (std::size_t i = 0; i < slots_.size(); ++i) s += slots_[i][pick_[i]];
    if (std::find(out_.begin(), out_.end(), s) == out_.end()) out_.push_back(std::move(s));
  }

  const std::vector<Choices>& slots_;
  const std::size_t max_;
  std::vector<std::size_t> pick_;  // the choice taken at each position
  std::vector<std::size_t> poly_;  // positions with alternatives
  std::vector<std::string> out_;
};

}  // namespace

std::vector<std::string> EnumerateVariants(const std::vector<Choices>& slots,
                                           std::size_t max_variants) {
  return Enumerator(slots, max_variants).Run();
}

}  // namespace kehu::text::internal
