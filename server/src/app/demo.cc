// kehu demo: a few hundred realistic customers across China's provinces, with contacts, owned by
// a few demo reps. Deterministic (fixed seed) and idempotent (skipped when the first code exists).
#include <boost/json.hpp>

#include <random>

#include "app/app.h"
#include "core/time.h"

namespace kehu::app {
namespace json = boost::json;
namespace {

struct City {
  const char* name;
  const char* province;
  const char* area_code;
  const char* region;       // a district's GB/T 2260 code
  const char* postal_code;
};

constexpr City kCities[] = {
    {"北京", "北京市", "010", "110105", "100020"},
    {"上海", "上海市", "021", "310104", "200030"},
    {"广州", "广东省", "020", "440106", "510620"},
    {"深圳", "广东省", "0755", "440305", "518052"},
    {"杭州", "浙江省", "0571", "330106", "310013"},
    {"南京", "江苏省", "025", "320106", "210008"},
    {"苏州", "江苏省", "0512", "320505", "215011"},
    {"成都", "四川省", "028", "510104", "610021"},
    {"重庆", "重庆市", "023", "500103", "400010"},
    {"武汉", "湖北省", "027", "420106", "430061"},
    {"西安", "陕西省", "029", "610113", "710061"},
    {"天津", "天津市", "022", "120101", "300040"},
    {"长沙", "湖南省", "0731", "430104", "410006"},
    {"郑州", "河南省", "0371", "410105", "450003"},
    {"济南", "山东省", "0531", "370102", "250011"},
    {"青岛", "山东省", "0532", "370202", "266001"},
    {"厦门", "福建省", "0592", "350203", "361001"},
    {"福州", "福建省", "0591", "350102", "350001"},
    {"合肥", "安徽省", "0551", "340104", "230031"},
    {"沈阳", "辽宁省", "024", "210102", "110001"},
    {"大连", "辽宁省", "0411", "210202", "116001"},
    {"哈尔滨", "黑龙江省", "0451", "230102", "150010"},
    {"长春", "吉林省", "0431", "220102", "130022"},
    {"昆明", "云南省", "0871", "530102", "650032"},
    {"南宁", "广西壮族自治区", "0771", "450103", "530022"},
    {"贵阳", "贵州省", "0851", "520102", "550002"},
    {"呼和浩特", "内蒙古自治区", "0471", "150102", "010010"},
    {"乌鲁木齐", "新疆维吾尔自治区", "0991", "650102", "830002"},
    {"兰州", "甘肃省", "0931", "620102", "730030"},
    {"海口", "海南省", "0898", "460106", "570311"},
};
constexpr const char* kWords[] = {"华信", "网联", "恒通", "中科", "东方", "瑞丰", "金桥", "宏达", "新锐", "天成",
                                  "长城", "银河", "博远", "嘉和", "鼎盛", "锦程", "星辰", "汇通", "永昌", "兴业"};
constexpr const char* kTrades[] = {"科技", "贸易", "电子", "机械", "医药", "食品", "物流", "建材", "软件", "化工"};
constexpr const char* kForms[] = {"有限公司", "股份有限公司", "集团有限公司"};
constexpr const char* kStreets[] = {"人民路", "中山路", "解放大道", "建设路", "科技园路", "长江路", "新华街"};
constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"};
constexpr const char* kCategories[] = {"current", "potential", "potential", "partner", "agent"};
constexpr const char* kIndustries[] = {"manufacturing", "it", "trade", "logistics", "healthcare", "services", "energy"};
constexpr const char* kImportance[] = {"a", "b", "b", "c"};
constexpr const char* kSources[] = {"exhibition", "referral", "website", "telemarketing", "advertising"};
constexpr const char* kSizes[] = {"small", "medium", "medium", "large", "xlarge"};
constexpr const char* kNatures[] = {"private", "private", "state_owned", "joint_venture", "foreign"};
constexpr const char* kPositions[] = {"general_manager", "purchasing_manager", "marketing_head", "finance_manager", "staff"};

template <class T, size_t N>
const T& Pick(std::mt19937& rng, const T (&items)[N]) {
  return items[std::uniform_int_distribution<size_t>(0, N - 1)(rng)];
}

std::string Digits(std::mt19937& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + std::uniform_int_distribution<int>(0, 9)(rng));
  return s;
}

// 上海市 + 人民路 (a direct-administered city is its own province), 广东省 + 深圳市 + 人民路.
std::string Address(const City& city, const char* street, int n) {
  std::string province = city.province;
  std::string out = province;
  if (province.rfind(city.name, 0) != 0) out += std::string(city.name) + "市";
  return out + street + std::to_string(1 + n % 300) + "号";
}

// 王芳 leads the demo sales team (销售部): 张伟 and 李娜 report to her, so her department-tree scope
// covers their customers and she is the one who reviews them (客户审核 on the approvals engine).
// Users already placed are left alone.
Status PlaceDemoTeam(Services& s, const std::vector<int64_t>& owners) {
  return s.db->Write([&](db::Session& w) -> Status {
    KEHU_ASSIGN(db::Rows placed, w.Query("SELECT department_id FROM users WHERE id = ?", {db::Value(owners[2])}));
    if (placed.empty() || !db::IsNull(placed.rows[0][0])) return Ok();
    std::string now = NowIso();
    KEHU_ASSIGN(db::Rows dept, w.Query("INSERT INTO departments (name, created_at, updated_at) VALUES (?, ?, ?) RETURNING id",
                                       {db::Value("销售部"), db::Value(now), db::Value(now)}));
    db::Value dept_id(db::AsInt(dept.rows[0][0]));
    for (size_t i = 0; i < owners.size(); ++i)
      KEHU_TRY(w.Execute("UPDATE users SET department_id = ?, manager_id = ? WHERE id = ? AND department_id IS NULL",
                         {dept_id, i == 2 ? db::Value() : db::Value(owners[2]), db::Value(owners[i])}));
    return Ok();
  });
}

}  // namespace

Result<int> FillDemoData(Services& s) {
  const meta::Entity* customers = s.registry->Find("customers");
  const meta::Entity* contacts = s.registry->Find("contacts");
  if (!customers || !contacts) return 0;
  records::Actor system = records::Actor::System();
  records::ListQuery existing;
  existing.filters.push_back({customers->FindField("code"), records::FilterOp::kEq, {db::Value("KH-DEMO-0001")}});
  KEHU_ASSIGN(auto found, s.records->List(system, *customers, existing));
  if (found.total > 0) return 0;

  std::vector<int64_t> owners;
  for (auto [user, name, role] : {std::tuple{"zhangwei", "张伟", "sales_rep"}, {"lina", "李娜", "sales_rep"},
                                  {"wangfang", "王芳", "supervisor"}}) {
    KEHU_ASSIGN(int64_t id, s.auth->EnsureUser({user, name, "kehu-demo-2026", "", {role}}));
    owners.push_back(id);
  }
  KEHU_TRY(PlaceDemoTeam(s, owners));
  std::mt19937 rng(20261122);
  int created = 0;
  for (int i = 1; i <= 300; ++i) {
    const City& city = Pick(rng, kCities);
    std::string word = Pick(rng, kWords);
    std::string name = std::string(city.name) + word + Pick(rng, kTrades) + Pick(rng, kForms);
    char code[32];
    std::snprintf(code, sizeof code, "KH-DEMO-%04d", i);
    json::object c{{"name", name}, {"code", code}, {"category", Pick(rng, kCategories)},
                   {"phone", std::string(city.area_code) + "-" + Digits(rng, 8)},
                   {"email", "info" + std::to_string(i) + "@example.cn"},
                   {"address", Address(city, Pick(rng, kStreets), i)},
                   {"region", city.region},
                   {"postalCode", city.postal_code},
                   {"industry", Pick(rng, kIndustries)},
                   {"importance", Pick(rng, kImportance)},
                   {"source", Pick(rng, kSources)},
                   {"size", Pick(rng, kSizes)},
                   {"companyNature", Pick(rng, kNatures)},
                   {"ownerId", owners[i % owners.size()]}};
    auto rec = s.records->Create(system, *customers, c);
    if (!rec.ok()) {
      if (rec.error().fields.count("name")) continue;  // same generated name twice: skip
      return std::move(rec).error();
    }
    ++created;
    int n = 1 + i % 3;
    for (int k = 0; k < n; ++k) {
      json::object person{{"customerId", rec->at("id")},
                          {"name", std::string(Pick(rng, kSurnames)) + Pick(rng, kGiven) + (k % 2 ? Pick(rng, kGiven) : "")},
                          {"mobile", "13" + Digits(rng, 9)},
                          {"gender", k % 2 ? "female" : "male"},
                          {"position", Pick(rng, kPositions)},
                          {"isPrimary", k == 0},
                          {"ownerId", owners[i % owners.size()]}};
      KEHU_TRY(s.records->Create(system, *contacts, person));
    }
  }
  return created;
}

}  // namespace kehu::app
