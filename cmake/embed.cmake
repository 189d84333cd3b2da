# trialcore_embed_text(INPUT OUTPUT FUNCTION): generates OUTPUT, a C++ file defining
# `std::string_view FUNCTION()` that returns INPUT's bytes, regenerated when INPUT changes.
function(trialcore_embed_text input output function)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DFUNCTION=${function}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    DEPENDS ${input} ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    COMMENT "Embedding ${input}")
endfunction()
