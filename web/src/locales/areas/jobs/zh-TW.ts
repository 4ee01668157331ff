// Messages of the jobs pages (zh-TW). Keys must match the other languages' files.
export default {};
