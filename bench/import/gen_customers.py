#!/usr/bin/env python3
"""Writes N generated customers as a UTF-8 CSV with the Chinese headers of the import template.

Usage: gen_customers.py N [seed] > customers.csv

Names, phones and e-mails are distinct so that 查重 (likely-duplicate checks on name, phone and
e-mail) finds nothing and every row is created: the import is timed on its write path, not on
skipping. Up to 1,228,800 distinct names (city x word pair x trade); deterministic.
"""
import sys

CITIES = [("北京", "北京市朝阳区", "010"), ("上海", "上海市徐汇区", "021"),
          ("广州", "广东省/广州市/天河区", "020"), ("深圳", "广东省/深圳市/南山区", "0755"),
          ("杭州", "浙江省/杭州市/西湖区", "0571"), ("南京", "江苏省/南京市/鼓楼区", "025"),
          ("苏州", "江苏省/苏州市/姑苏区", "0512"), ("成都", "四川省/成都市/武侯区", "028"),
          ("重庆", "重庆市渝中区", "023"), ("武汉", "湖北省/武汉市/武昌区", "027"),
          ("西安", "陕西省/西安市/雁塔区", "029"), ("天津", "天津市和平区", "022"),
          ("长沙", "湖南省/长沙市/岳麓区", "0731"), ("郑州", "河南省/郑州市/金水区", "0371"),
          ("济南", "山东省/济南市/历下区", "0531"), ("青岛", "山东省/青岛市/市南区", "0532"),
          ("厦门", "福建省/厦门市/思明区", "0592"), ("福州", "福建省/福州市/鼓楼区", "0591"),
          ("合肥", "安徽省/合肥市/蜀山区", "0551"), ("沈阳", "辽宁省/沈阳市/和平区", "024"),
          ("大连", "辽宁省/大连市/中山区", "0411"), ("哈尔滨", "黑龙江省/哈尔滨市/南岗区", "0451"),
          ("长春", "吉林省/长春市/朝阳区", "0431"), ("昆明", "云南省/昆明市/五华区", "0871"),
          ("南宁", "广西壮族自治区/南宁市/青秀区", "0771"), ("贵阳", "贵州省/贵阳市/云岩区", "0851"),
          ("呼和浩特", "内蒙古自治区/呼和浩特市/新城区", "0471"), ("兰州", "甘肃省/兰州市/城关区", "0931"),
          ("乌鲁木齐", "新疆维吾尔自治区/乌鲁木齐市/天山区", "0991"), ("海口", "海南省/海口市/龙华区", "0898")]
CHARS = "华信网联恒通中科东方瑞丰金桥宏达新锐天成长城银河博远嘉和鼎盛锦程星辰汇永昌兴业明泰安康德隆盈富佳宇润海航光启元正诚晟源弘毅卓越凯"  # 64 distinct
TRADES = ["科技", "贸易", "电子", "机械", "医药", "食品", "物流", "建材", "软件", "化工"]
FORMS = ["有限公司", "股份有限公司", "集团有限公司"]
CATEGORIES = ["现有客户", "潜在客户", "合作伙伴", "代理商"]
STREETS = ["人民路", "中山路", "解放大道", "建设路", "科技园路", "长江路", "新华街"]


def main():
    n = int(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    pairs = len(CHARS) * len(CHARS)
    space = len(CITIES) * pairs * len(TRADES)
    if n > space:
        sys.exit(f"at most {space} distinct customers")
    step = 746_951  # prime, coprime with the space: a permutation of its indexes
    out = sys.stdout
    out.write("客户名称,客户类别,所在地区,地址,电话,电子邮件,备注\r\n")
    for i in range(n):
        k = (i * step + seed * 7919) % space
        city, region, area = CITIES[k % len(CITIES)]
        k //= len(CITIES)
        pair = CHARS[k % len(CHARS)] + CHARS[(k // len(CHARS)) % len(CHARS)]
        k //= pairs
        trade = TRADES[k % len(TRADES)]
        name = f"{city}{pair}{trade}{FORMS[i % 3]}"
        digits = 7 if len(area) == 4 else 8
        phone = f"{area}-{(10 ** (digits - 1) + i) % 10 ** digits:0{digits}d}"
        addr = f"{STREETS[i % len(STREETS)]}{i % 999 + 1}号"
        out.write(f"{name},{CATEGORIES[i % 4]},{region},{addr},{phone},c{i}@example.cn,第{i}行\r\n")


if __name__ == "__main__":
    main()
