// The address line of a Chinese envelope or label: from the province down to the street.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kehu::documents {

// Joins the region names (province, city, county as stored with a region field) and the street
// address. Placeholder levels ("市辖区", "省直辖县级行政区划") are left out, and a level the
// address already starts with is not repeated: with ["北京市", "市辖区", "朝阳区"],
// "建国路88号" → "北京市朝阳区建国路88号", "朝阳区建国路88号" → "北京市朝阳区建国路88号",
// "北京市朝阳区建国路88号" and "北京朝阳区建国路88号" stay as they are.
std::string FullPostalAddress(const std::vector<std::string>& region_names,
                              std::string_view address);

}  // namespace kehu::documents
