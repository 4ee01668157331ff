// Messages of the approvals pages (zh-TW). Keys must match the other languages' files.
export default {};
