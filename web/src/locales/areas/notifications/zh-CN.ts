// Messages of the notifications pages (zh-CN). Keys must match the other languages' files.
export default {};
