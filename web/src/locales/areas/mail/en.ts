// Messages of the mail pages (en). Keys must match the other languages' files.
export default {};
