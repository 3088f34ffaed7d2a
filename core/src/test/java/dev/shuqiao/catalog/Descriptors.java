package dev.shuqiao.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared test descriptors: a small valid catalog that rule tests mutate one line at a time. */
final class Descriptors {

  /** "Today" for every test reader: 2025-06-01, so dates in the sample are past and 2999 is future. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

  static final String VALID = """
      version: 1
      catalog:
        title: 测试目录
        description: 规则测试用目录
        publisher: 柳州市大数据发展局
      resources:
        - code: "1 01 003/000001"
          name: 出生医学证明信息
          classification:
            view: 基础
            code: "1 01 003"
          provider:
            name: 柳州市卫生健康委员会
            code: 11450200075623181Q
          abstract: 出生医学证明签发信息
          format: 数据库
          items:
            - name: 证明编号
              type: C
              length: 10
            - name: 母亲身份证号
              type: C
              length: 18
              sensitive: true
              masking: id-number
          sharing:
            type: 有条件共享
            conditions: 限出生一件事联办
            basis: 《母婴保健法》
            method: 接口
          openness:
            type: 不予开放
          updateCycle: 实时
          publishedOn: 2024-03-01
          related:
            - "1 01 001/000001"
        - code: "1 01 001/000001"
          name: 户籍登记信息
          classification:
            code: "1 01 001"
          provider:
            name: 柳州市公安局
            code: 114502000756245X4M
          abstract: 户籍登记信息
          format: DATABASE
          items:
            - name: 姓名
              type: CHARACTER
              length: 50
              personal: true
          sharing:
            type: UNCONDITIONAL
            method: INTERFACE
          openness:
            type: NOT_OPEN
          updateCycle: DAILY
          publishedOn: 2023-11-15
      """;

  private Descriptors() {}

  static CatalogReader reader() {
    return CatalogReader.builder().clock(CLOCK).build();
  }

  /** {@link #VALID} with the single occurrence of {@code find} replaced; fails loudly if absent or repeated. */
  static String mutate(String find, String replace) {
    int at = VALID.indexOf(find);
    if (at < 0 || VALID.indexOf(find, at + 1) >= 0) {
      throw new IllegalArgumentException("'" + find + "' must occur exactly once in the test descriptor");
    }
    return VALID.substring(0, at) + replace + VALID.substring(at + find.length());
  }

  /** 1-based line of the first occurrence of {@code text} in {@code document}. */
  static int lineOf(String document, String text) {
    int at = document.indexOf(text);
    if (at < 0) {
      throw new IllegalArgumentException("'" + text + "' not in document");
    }
    return (int) document.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }
}
