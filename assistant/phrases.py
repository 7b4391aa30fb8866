"""Every fixed Vietnamese phrase the assistant says, in one place (tests assert on them)."""

# --- answers -------------------------------------------------------------------------------
NOT_FOUND = "Không tìm thấy thông tin này trong các kế hoạch hiện có."
NOT_FOUND_IN_PLAN = "Không tìm thấy thông tin này trong {plan}."
PLAN_SAYS = "Theo {plan} ({section}): {quote} [{ref}]"
PER_PLAN_LEAD = "Các kế hoạch có nội dung liên quan:"
PER_PLAN_LINE = "- {plan} ({section}): {quote} [{ref}]"
COMPARE_LEAD = "So sánh giữa các kế hoạch:"
PLAN_SILENT = "không nêu"
SOURCES_HEADER = "Nguồn:"
SOURCE_LINE = "[{ref}] {plan}, mục {section}: “{quote}”"

# --- bad questions -------------------------------------------------------------------------
EMPTY_QUESTION = "Câu hỏi trống: hãy nhập một câu hỏi về các kế hoạch."
PUNCT_QUESTION = "Câu hỏi chỉ có dấu câu hoặc ký hiệu: hãy nhập câu hỏi bằng chữ."
BAD_JSON_LINE = "Dòng vào không hợp lệ: cần một đối tượng JSON {{\"question\": \"…\", \"history\": [\"…\"]}} ({detail})."
LONG_QUESTION = "Câu hỏi quá dài ({length} ký tự, tối đa {limit}): hãy rút gọn câu hỏi."

# --- bad plan files ------------------------------------------------------------------------
ERR_SUFFIX = "định dạng {suffix} không được hỗ trợ"
ERR_EMPTY = "tệp rỗng"
ERR_NO_TEXT = "không đọc được nội dung chữ trong tệp"
ERR_BINARY = "tệp nhị phân, không phải văn bản"
ERR_UTF16 = "tệp mã hóa UTF-16, không phải UTF-8"
ERR_NOT_UTF8 = "tệp không phải UTF-8 (byte lỗi ở vị trí {offset}; có thể là Windows-1258/TCVN3)"
ERR_BROKEN_DOCX = "không mở được tệp .docx ({error})"
ERR_BROKEN_PDF = "không đọc được tệp .pdf ({error})"
ERR_NO_SECTIONS = "không nhận ra cấu trúc mục (I., 1., a) …) trong văn bản"
HINT_SUPPORTED = "hãy dùng tệp .txt (UTF-8), .docx hoặc .pdf"
HINT_SAVE_UTF8 = "hãy lưu lại tệp với bảng mã UTF-8 rồi chạy lại `assistant index`"
HINT_EMPTY = "hãy kiểm tra lại tệp hoặc xóa nó khỏi thư mục corpus/"
HINT_RESAVE = "hãy mở và lưu lại tệp, hoặc xuất ra .txt (UTF-8)"

# --- index / CLI ---------------------------------------------------------------------------
NO_INDEX = "Chưa có chỉ mục. Hãy chạy: assistant index"
BUILDING_INDEX = "Chưa có chỉ mục, đang xây dựng…"
SKIPPED_FILE = "Bỏ qua {name}: {reason}"
INDEX_SUMMARY = "Đã lập chỉ mục {docs} kế hoạch ({chunks} đoạn; {embedded} đoạn mới được nhúng, {removed} kế hoạch bị gỡ)."

# --- section labels for the parts of a plan outside its numbered body ------------------------
SECTION_HEADER = "Tiêu đề"
SECTION_BASES = "Căn cứ"
SECTION_RECIPIENTS = "Nơi nhận"
SECTION_SIGNATURE = "Chữ ký"
SECTION_BODY = "Nội dung"
