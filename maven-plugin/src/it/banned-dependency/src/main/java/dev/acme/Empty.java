package dev.acme;

public class Empty {}
