// Messages of the options pages (en). Keys must match the other languages' files.
export default {};
