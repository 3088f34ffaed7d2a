package dev.shuqiao.examples.birth;

import java.util.LinkedHashMap;
import java.util.Map;

/** The sample family and each department's records about it: synthetic, fictitious, valid in format. */
final class BirthData {

  static final String CERTIFICATE_NUMBER = "Q450261017";
  static final String FATHER_ID = FakeIds.idNumber("45020219920314353");
  static final String MOTHER_ID = FakeIds.idNumber("45020219930708402");
  static final String NEWBORN_ID = FakeIds.idNumber("45020220261201001");
  static final String NEWBORN = "李安然";
  static final String MOTHER = "王丽娟";
  static final String HOUSEHOLD_NUMBER = "450202118";
  static final String CARD_NUMBER = "450200D15600000357";

  private BirthData() {}

  static Map<String, Map<String, Object>> birthCertificates() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("出生医学证明编号", CERTIFICATE_NUMBER);
    r.put("新生儿姓名", NEWBORN);
    r.put("新生儿性别", "男");
    r.put("出生日期时间", "2026-12-01T08:26:00");
    r.put("出生体重", 3350);
    r.put("出生地点", "柳州市妇幼保健院");
    r.put("母亲姓名", MOTHER);
    r.put("母亲身份证号", MOTHER_ID);
    r.put("父亲身份证号", FATHER_ID);
    r.put("签发机构", "柳州市妇幼保健院");
    r.put("签发日期", "2026-12-03");
    return Map.of(CERTIFICATE_NUMBER, r);
  }

  static Map<String, Map<String, Object>> households() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("公民身份号码", NEWBORN_ID);
    r.put("姓名", NEWBORN);
    r.put("户号", HOUSEHOLD_NUMBER);
    r.put("与户主关系", "子");
    r.put("出生医学证明编号", CERTIFICATE_NUMBER);
    r.put("登记日期", "2026-12-05");
    r.put("登记机关", "柳州市公安局城中分局文惠派出所");
    return Map.of(CERTIFICATE_NUMBER, r);
  }

  static Map<String, Map<String, Object>> insurance() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("参保人员编号", "45020026120100017");
    r.put("参保状态", "01");
    r.put("参保日期", "2026-12-05");
    return Map.of(CERTIFICATE_NUMBER, r);
  }

  static Map<String, Map<String, Object>> cards() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("社保卡号", CARD_NUMBER);
    r.put("申领状态", "已受理，制卡中");
    r.put("制卡网点", "柳州市城中区政务服务中心");
    return Map.of(CERTIFICATE_NUMBER, r);
  }
}
