// Messages of the mail pages (zh-CN). Keys must match the other languages' files.
export default {};
