// Messages of the jobs pages (zh-CN). Keys must match the other languages' files.
export default {};
