// Messages of the approvals pages (en). Keys must match the other languages' files.
export default {};
