package dev.acme;

public class BirthService {

  public void register(BirthRecord record) {
    System.out.println("registering birth for mother " + record.motherIdNumber);
  }
}
