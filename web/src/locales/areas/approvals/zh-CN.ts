// Messages of the approvals pages (zh-CN). Keys must match the other languages' files.
export default {};
