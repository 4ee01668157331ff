// Messages of the options pages (zh-TW). Keys must match the other languages' files.
export default {};
