// Deterministic, realistic Chinese CRM data for benchmarks (`kehu generate`): companies spread over
// the districts of every province, their contacts, and a sales organisation to own them.
// Row i depends only on (seed, i), so chunks can be built on several threads in any order and the
// same seed always yields the same database. Company names are distinct for up to tens of millions
// of rows (a permutation of city × brand × trade × legal form).
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kehu::app::generate {

struct Department {
  std::string name;
};

struct Person {
  std::string username;      // bench001 ...
  std::string display_name;  // 王伟
  int department = 0;        // index into the departments
  bool supervisor = false;   // the first member of each department leads it (manager of the rest)
};

class DataSet {
 public:
  DataSet(uint64_t seed, int64_t customers, int64_t contacts, int users, int departments);

  std::vector<Department> Departments() const;
  std::vector<Person> People() const;

  // Field values of customer i (0-based) as the API would receive them; ownerId is a person index
  // (0-based), to be replaced by the user id. `created_at` is an ISO time within 2023-2026.
  boost::json::object Customer(int64_t i, std::string& created_at) const;
  int OwnerOf(int64_t customer) const;

  // Contact j belongs to customer CustomerOf(j) (contacts are spread evenly over customers).
  boost::json::object Contact(int64_t j, std::string& created_at) const;
  int64_t CustomerOf(int64_t contact) const;

  int64_t customers() const { return customers_; }
  int64_t contacts() const { return contacts_; }

 private:
  uint64_t seed_;
  int64_t customers_, contacts_;
  int users_, departments_;
  uint64_t name_space_ = 1, name_step_ = 1;  // the name permutation: i → (i·step + seed) mod space
};

}  // namespace kehu::app::generate
