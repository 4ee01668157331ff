// Messages of the notifications pages (en). Keys must match the other languages' files.
export default {};
