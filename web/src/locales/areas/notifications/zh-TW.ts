// Messages of the notifications pages (zh-TW). Keys must match the other languages' files.
export default {};
