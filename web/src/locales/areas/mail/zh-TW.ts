// Messages of the mail pages (zh-TW). Keys must match the other languages' files.
export default {};
