package dev.acme;

import dev.shuqiao.provider.DataResource;

@DataResource("9 99 999/000001")
public class VaccinationRecord {
}
