-- Hình thức khen thưởng, biểu dương, tôn vinh (domain.md, "Commendation"). Reference data that later
-- commendation decisions refer to; an operator can add more.
CREATE TABLE award_types (
    code        text    PRIMARY KEY,
    name        text    NOT NULL,
    level       text    NOT NULL CHECK (level IN ('commune', 'province', 'central', 'any')),
    description text    NOT NULL,
    active      boolean NOT NULL DEFAULT true
);

INSERT INTO award_types (code, name, level, description) VALUES
    ('giay_chung_nhan', 'Giấy chứng nhận sáng kiến', 'any', 'Công nhận sáng kiến, ý tưởng mới ở cấp hội đồng đã thẩm định.'),
    ('giay_khen', 'Giấy khen', 'commune', 'Giấy khen của Ủy ban Mặt trận Tổ quốc cấp xã.'),
    ('bang_khen_tinh', 'Bằng khen của Ủy ban MTTQ Việt Nam tỉnh', 'province', 'Bằng khen cấp tỉnh cho tập thể, cá nhân tiêu biểu.'),
    ('bang_khen_trung_uong', 'Bằng khen của Ủy ban Trung ương MTTQ Việt Nam', 'central', 'Bằng khen cấp Trung ương.'),
    ('nguoi_viet_dkst', 'Danh hiệu "Người Việt đoàn kết sáng tạo"', 'central', 'Tôn vinh tác giả có sáng kiến được công nhận cấp Trung ương.'),
    ('sach_vang', 'Sách vàng Sáng tạo Việt Nam', 'central', 'Đưa sáng kiến tiêu biểu vào Sách vàng Sáng tạo Việt Nam.');
