#include "app/generate_data.h"

#include <algorithm>
#include <numeric>
#include <string_view>

#include "core/regions.h"
#include "core/time.h"

namespace kehu::app::generate {
namespace json = boost::json;
namespace {

// splitmix64: a fast, well-mixed stream per row, seeded from (seed, stream, row).
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream, uint64_t row)
      : state_(seed * 0x9E3779B97F4A7C15ull ^ (stream << 56) ^ (row * 0xBF58476D1CE4E5B9ull)) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  std::string Digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + Below(10));
    return s;
  }

 private:
  uint64_t state_;
};

template <class T, size_t N>
const T& Pick(Rng& rng, const T (&items)[N]) {
  return items[rng.Below(N)];
}

constexpr const char* kBrands[] = {
    "华信", "网联", "恒通", "中科", "东方", "瑞丰", "金桥", "宏达", "新锐", "天成", "长城", "银河", "博远",
    "嘉和", "鼎盛", "锦程", "星辰", "汇通", "永昌", "兴业", "泰和", "凯旋", "德润", "安捷", "海纳", "正泰",
    "联创", "润泽", "广源", "华瑞", "振华", "明辉", "远航", "盛世", "同创", "信诚", "众诚", "佳禾", "祥瑞",
    "丰源", "裕隆", "旭日", "康泰", "弘毅", "睿智", "创新", "卓越", "启明", "蓝天", "青松", "翔宇", "鸿运",
    "华夏", "九州", "神州", "环球", "世纪", "未来", "朝阳", "光明", "富华", "顺达", "通达", "万通", "万达",
    "亿达", "百川", "千禧", "阳光", "绿源", "金鼎", "银泰", "铭诚", "立信", "中联", "华联", "国泰", "利民",
    "惠民", "和信", "诚信", "雅居", "美佳", "优品", "智联", "云端", "数码", "精工", "宏图", "大地", "先锋"};
constexpr const char* kTrades[] = {"科技", "贸易", "电子", "机械", "医药", "食品", "物流", "建材", "软件",
                                   "化工", "纺织", "服饰", "家具", "汽车配件", "环保", "能源", "农业",
                                   "信息技术", "网络", "文化传媒", "教育咨询", "餐饮管理", "医疗器械",
                                   "五金", "塑胶", "包装", "印刷", "光电", "新材料", "工程"};
constexpr const char* kForms[] = {"有限公司", "股份有限公司", "集团有限公司", "有限责任公司"};
constexpr const char* kStreets[] = {"人民路", "中山路", "解放大道", "建设路", "科技园路", "长江路",
                                    "新华街", "和平路", "胜利街", "文化路", "工业大道", "滨江路"};
constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                                     "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
                                     "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "欧阳"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
                                  "杰", "涛", "明", "超", "秀英", "华", "平", "刚", "桂英", "玉兰", "建国",
                                  "志强", "晓东", "海燕", "俊", "婷", "雪", "琳", "浩", "宇", "欣", "子涵"};
// Weighted by repetition.
constexpr const char* kCategories[] = {"current", "current", "current", "potential", "potential",
                                       "potential", "potential", "partner", "partner", "agent"};
constexpr const char* kIndustries[] = {"manufacturing", "it", "trade", "logistics", "healthcare", "services", "energy"};
constexpr const char* kImportance[] = {"a", "b", "b", "c", "c"};
constexpr const char* kSources[] = {"exhibition", "referral", "website", "telemarketing", "advertising"};
constexpr const char* kSizes[] = {"small", "small", "medium", "medium", "large", "xlarge"};
constexpr const char* kNatures[] = {"private", "private", "private", "state_owned", "joint_venture", "foreign"};
constexpr const char* kPositions[] = {"general_manager", "purchasing_manager", "marketing_head",
                                      "finance_manager", "technical_lead", "staff", "staff"};
constexpr const char* kDepartmentAreas[] = {"华北", "华东", "华南", "华中", "西南", "西北", "东北"};
constexpr const char* kDepartmentNumbers[] = {"一部", "二部", "三部", "四部"};

// Long-distance area codes by province (the first two digits of a division code).
std::string_view AreaCode(std::string_view province) {
  static constexpr std::pair<const char*, const char*> kCodes[] = {
      {"11", "010"}, {"12", "022"}, {"13", "0311"}, {"14", "0351"}, {"15", "0471"}, {"21", "024"},
      {"22", "0431"}, {"23", "0451"}, {"31", "021"}, {"32", "025"}, {"33", "0571"}, {"34", "0551"},
      {"35", "0591"}, {"36", "0791"}, {"37", "0531"}, {"41", "0371"}, {"42", "027"}, {"43", "0731"},
      {"44", "020"}, {"45", "0771"}, {"46", "0898"}, {"50", "023"}, {"51", "028"}, {"52", "0851"},
      {"53", "0871"}, {"54", "0891"}, {"61", "029"}, {"62", "0931"}, {"63", "0971"}, {"64", "0951"},
      {"65", "0991"}};
  for (const auto& [p, code] : kCodes)
    if (province == p) return code;
  return "010";
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string WithoutSuffix(std::string_view name) {
  for (std::string_view suffix : {"市", "区", "县", "旗"})
    if (EndsWith(name, suffix) && name.size() > suffix.size() + 3) return std::string(name.substr(0, name.size() - suffix.size()));
  return std::string(name);
}

// 广西壮族自治区 → 广西, 黑龙江省 → 黑龙江, 北京市 → 北京.
std::string ShortProvince(std::string_view name) {
  for (std::string_view suffix : {"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"})
    if (EndsWith(name, suffix)) return std::string(name.substr(0, name.size() - suffix.size()));
  return std::string(name);
}

// A county-level division of the mainland with the names a company there would carry.
struct District {
  std::string code;
  std::string city;     // 深圳 (what a company name starts with)
  std::string address;  // 广东省深圳市南山区
};

const std::vector<District>& Districts() {
  static const std::vector<District> all = [] {
    std::vector<District> out;
    for (size_t i = 0; i < regions::data::kEntryCount; ++i) {
      std::string_view code = regions::data::kEntries[i].code;
      if (code.size() != 6 || code.substr(4) == "00" || code.substr(0, 2) >= "71") continue;
      auto path = regions::PathOf(code);
      if (!path || path->size() != 3) continue;
      const std::string& prefecture = (*path)[1];
      District d{std::string(code), "", ""};
      bool plain_city = EndsWith(prefecture, "市") && prefecture != "市辖区";
      d.city = WithoutSuffix(plain_city ? prefecture : (prefecture == "市辖区" ? (*path)[0] : (*path)[2]));
      // 金平苗族瑶族傣族自治县 makes no company name: such places use their province's short name.
      if (d.city.size() > 12) d.city = ShortProvince((*path)[0]);
      for (const auto& n : *path)
        if (n != "市辖区" && n != "县") d.address += n;
      out.push_back(std::move(d));
    }
    return out;
  }();
  return all;
}

std::string Time(uint64_t r) {
  // 2023-01-01T00:00:00Z plus up to ~3.9 years.
  auto t = TimePoint{std::chrono::seconds(1672531200 + static_cast<int64_t>(r % 123000000))};
  return FormatIso(t);
}

}  // namespace

DataSet::DataSet(uint64_t seed, int64_t customers, int64_t contacts, int users, int departments)
    : seed_(seed), customers_(customers), contacts_(contacts), users_(users), departments_(departments) {
  name_space_ = Districts().size() * std::size(kBrands) * std::size(kTrades) * std::size(kForms);
  name_step_ = 2654435761ull % name_space_;
  while (std::gcd(name_step_, name_space_) != 1) ++name_step_;
}

std::vector<Department> DataSet::Departments() const {
  std::vector<Department> out;
  for (int d = 0; d < departments_; ++d) {
    std::string name = std::string(kDepartmentAreas[d % std::size(kDepartmentAreas)]) + "销售" +
                       kDepartmentNumbers[(d / std::size(kDepartmentAreas)) % std::size(kDepartmentNumbers)];
    if (d >= static_cast<int>(std::size(kDepartmentAreas) * std::size(kDepartmentNumbers)))
      name += std::to_string(d);
    out.push_back({name});
  }
  return out;
}

std::vector<Person> DataSet::People() const {
  std::vector<Person> out;
  for (int u = 0; u < users_; ++u) {
    Rng rng(seed_, 3, u);
    char username[32];
    std::snprintf(username, sizeof username, "bench%03d", u + 1);
    // Departments are consecutive blocks of users; the first of each block leads it (bench001
    // leads the first department, bench002 is a rep in it).
    int per = users_ / departments_;
    int dept = std::min(u / per, departments_ - 1);
    out.push_back({username, std::string(Pick(rng, kSurnames)) + Pick(rng, kGiven), dept, u == dept * per});
  }
  return out;
}

int DataSet::OwnerOf(int64_t customer) const {
  return static_cast<int>(Rng(seed_, 4, customer).Below(users_));
}

json::object DataSet::Customer(int64_t i, std::string& created_at) const {
  Rng rng(seed_, 1, i);
  const auto& districts = Districts();
  uint64_t n = (static_cast<uint64_t>(i) * name_step_ + seed_) % name_space_;
  const District& d = districts[n % districts.size()];
  n /= districts.size();
  std::string brand = kBrands[n % std::size(kBrands)];
  n /= std::size(kBrands);
  std::string trade = kTrades[n % std::size(kTrades)];
  n /= std::size(kTrades);
  std::string form = kForms[n % std::size(kForms)];
  char code[24];
  std::snprintf(code, sizeof code, "BK%08lld", static_cast<long long>(i + 1));
  created_at = Time(rng.Next());
  return json::object{
      {"name", d.city + brand + trade + form},
      {"code", code},
      {"shortName", brand + trade},
      {"category", Pick(rng, kCategories)},
      {"industry", Pick(rng, kIndustries)},
      {"importance", Pick(rng, kImportance)},
      {"source", Pick(rng, kSources)},
      {"size", Pick(rng, kSizes)},
      {"companyNature", Pick(rng, kNatures)},
      {"region", d.code},
      {"address", d.address + Pick(rng, kStreets) + std::to_string(1 + rng.Below(999)) + "号"},
      {"phone", std::string(AreaCode(d.code.substr(0, 2))) + "-" + rng.Digits(8)},
      {"email", "info" + std::to_string(i + 1) + "@example.cn"},
      {"approvalState", "approved"},
      {"ownerId", OwnerOf(i)}};
}

int64_t DataSet::CustomerOf(int64_t contact) const {
  return contacts_ == 0 ? 0 : contact * customers_ / contacts_;
}

json::object DataSet::Contact(int64_t j, std::string& created_at) const {
  Rng rng(seed_, 2, j);
  int64_t customer = CustomerOf(j);
  bool primary = j == 0 || CustomerOf(j - 1) != customer;
  bool female = rng.Below(2) == 1;
  std::string name = std::string(Pick(rng, kSurnames)) + Pick(rng, kGiven);
  char mobile[16];
  // Distinct per contact: 1[3-9]x followed by the contact number spread over 8 digits.
  std::snprintf(mobile, sizeof mobile, "1%d%d%08lld", 3 + static_cast<int>(rng.Below(7)),
                static_cast<int>(rng.Below(10)), static_cast<long long>((j * 7919) % 100000000));
  created_at = Time(rng.Next());
  return json::object{{"customerId", customer},
                      {"name", name},
                      {"gender", female ? "female" : "male"},
                      {"position", Pick(rng, kPositions)},
                      {"mobile", mobile},
                      {"email", "c" + std::to_string(j + 1) + "@example.cn"},
                      {"isPrimary", primary},
                      {"ownerId", OwnerOf(customer)}};
}

}  // namespace kehu::app::generate
