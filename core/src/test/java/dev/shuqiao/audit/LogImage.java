package dev.shuqiao.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The segment files of a log as editable lists of raw records, for tamper tests: records can be
 * changed, removed, inserted or swapped, with or without fixing up indices and checksums the way a
 * careful forger would, and then written back.
 */
final class LogImage {

  final List<Path> files = new ArrayList<>();
  final List<byte[]> headers = new ArrayList<>();
  final List<List<byte[]>> records = new ArrayList<>();

  static LogImage read(Path logDir) throws IOException {
    LogImage image = new LogImage();
    for (Path segment : SegmentScanner.segments(LogFiles.segments(logDir))) {
      byte[] bytes = Files.readAllBytes(segment);
      image.files.add(segment.getFileName());
      image.headers.add(java.util.Arrays.copyOf(bytes, SegmentFormat.HEADER_BYTES));
      List<byte[]> list = new ArrayList<>();
      ByteBuffer in = ByteBuffer.wrap(bytes).position(SegmentFormat.HEADER_BYTES);
      while (in.remaining() >= 4 && in.getInt(in.position()) != 0) { // zeros: space allocated ahead
        byte[] record = new byte[SegmentFormat.recordBytes(in.getInt(in.position()))];
        in.get(record);
        list.add(record);
      }
      image.records.add(list);
    }
    return image;
  }

  LogImage copy() {
    LogImage copy = new LogImage();
    copy.files.addAll(files);
    headers.forEach(h -> copy.headers.add(h.clone()));
    records.forEach(list -> copy.records.add(new ArrayList<>(list)));
    return copy;
  }

  /** Segment and position of entry {@code index} in the original layout. */
  int[] locate(long index) {
    long remaining = index;
    for (int s = 0; s < records.size(); s++) {
      if (remaining < records.get(s).size()) {
        return new int[] {s, (int) remaining};
      }
      remaining -= records.get(s).size();
    }
    throw new IndexOutOfBoundsException(index);
  }

  byte[] get(long index) {
    int[] at = locate(index);
    return records.get(at[0]).get(at[1]);
  }

  void set(long index, byte[] record) {
    int[] at = locate(index);
    records.get(at[0]).set(at[1], record);
  }

  void remove(long index) {
    int[] at = locate(index);
    records.get(at[0]).remove(at[1]);
  }

  void insertAfter(long index, byte[] record) {
    int[] at = locate(index);
    records.get(at[0]).add(at[1] + 1, record);
  }

  /** What a careful forger does after editing: renumber every record and recompute each checksum. */
  void renumberAndReseal() {
    long index = 0;
    for (int s = 0; s < records.size(); s++) {
      ByteBuffer header = ByteBuffer.wrap(headers.get(s));
      header.putLong(16, index);
      files.set(s, Path.of(SegmentFormat.fileName(index)));
      List<byte[]> list = records.get(s);
      for (int r = 0; r < list.size(); r++) {
        list.set(r, record(index++, payload(list.get(r))));
      }
    }
  }

  static byte[] payload(byte[] record) {
    return java.util.Arrays.copyOfRange(record, 12, record.length - 4);
  }

  static byte[] record(long index, byte[] payload) {
    ByteBuffer out = ByteBuffer.allocate(SegmentFormat.recordBytes(payload.length));
    SegmentFormat.putRecord(out, index, payload);
    return out.array();
  }

  void write(Path logDir) throws IOException {
    Path segments = LogFiles.segments(logDir);
    try (Stream<Path> old = Files.list(segments)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    for (int s = 0; s < files.size(); s++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(headers.get(s));
      records.get(s).forEach(out::writeBytes);
      Files.write(segments.resolve(files.get(s)), out.toByteArray());
    }
  }
}
