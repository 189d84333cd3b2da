# Run by trialcore_embed_text in script mode: writes the bytes as a hex array, which keeps
# any character of the file (quotes, backslashes, non-ASCII) exact. The array is named for
# the function, so several embedded files may share one unity-build translation unit.
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE ${OUTPUT}
  "// Generated from ${INPUT}: do not edit.\n"
  "#include <string_view>\n"
  "namespace trialcore {\n"
  "static const char ${FUNCTION}_bytes[] = {${bytes} 0};\n"
  "std::string_view ${FUNCTION}() { return std::string_view(${FUNCTION}_bytes, ${size}); }\n"
  "}  // namespace trialcore\n")
