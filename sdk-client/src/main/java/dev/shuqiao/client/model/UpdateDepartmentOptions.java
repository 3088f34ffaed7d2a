package dev.shuqiao.client.model;

/**
 * What a department changes about itself: its name, its endpoint URL, or both; null leaves a value
 * as it is.
 *
 * <pre>{@code
 * client.updateDepartment(code, new UpdateDepartmentOptions(null, "https://wjw.liuzhou.gov.cn/shuqiao"));
 * }</pre>
 */
public record UpdateDepartmentOptions(String name, String endpointUrl) {

  public UpdateDepartmentOptions {
    if (name == null && endpointUrl == null) {
      throw new IllegalArgumentException("give a name, an endpoint URL or both");
    }
  }
}
