package dev.acme;

import dev.shuqiao.provider.DataResource;
import dev.shuqiao.provider.Item;
import dev.shuqiao.provider.Masked;

@DataResource("1 01 003/000001")
public class BirthRecord {
  @Item("出生医学证明编号") public String certificateNumber;
  @Item("出生体重") public String weight;
  @Item("父亲身份证号") public String fatherIdNumber;
  @Item("母亲身份证号") @Masked public String motherIdNumber;
  public String note;
}
