package dev.saga.contract.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the message records of a package on the classpath, in class folders and in jars (Spring Boot's nested
 * jars included). Plain Java, so the schema-store command can scan without Spring.
 */
final class ContractScan {

    private ContractScan() {
    }

    /** The package's public top-level records, sub-packages included, without those other records carry. */
    static List<Class<?>> messagesIn(String pkg) {
        ClassLoader loader = loader();
        List<Class<?>> records = new ArrayList<>();
        for (String name : classNamesIn(pkg, loader)) {
            Class<?> found = load(name, loader);
            if (found.isRecord() && Modifier.isPublic(found.getModifiers())) {
                records.add(found);
            }
        }
        Set<Class<?>> values = new HashSet<>();
        records.forEach(record -> collectValues(record, values));
        List<Class<?>> messages = records.stream().filter(record -> !values.contains(record)).toList();
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("No message records in package " + pkg + " on the classpath");
        }
        return messages;
    }

    /** The public static upcaster fields of the records, by record and field name. */
    static List<Upcaster> upcastersOf(Collection<Class<?>> records) {
        List<Upcaster> upcasters = new ArrayList<>();
        for (Class<?> record : records) {
            Stream.of(record.getFields())
                    .filter(field -> field.getType() == Upcaster.class && Modifier.isStatic(field.getModifiers())
                            && field.getDeclaringClass() == record)
                    .sorted(Comparator.comparing(Field::getName))
                    .forEach(field -> upcasters.add(read(field)));
        }
        return upcasters;
    }

    private static void collectValues(Class<?> record, Set<Class<?>> values) {
        for (RecordComponent component : record.getRecordComponents()) {
            Class<?> value = valueType(component.getGenericType());
            if (value != null && value.isRecord() && values.add(value)) {
                collectValues(value, values);
            }
        }
    }

    private static Class<?> valueType(Type type) {
        if (type instanceof ParameterizedType generic && generic.getActualTypeArguments().length == 1) {
            return valueType(generic.getActualTypeArguments()[0]);
        }
        return type instanceof Class<?> plain ? plain : null;
    }

    private static Set<String> classNamesIn(String pkg, ClassLoader loader) {
        String path = pkg.replace('.', '/');
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    classesInFolder(Path.of(root.toURI()), path, names);
                } else if (root.openConnection() instanceof JarURLConnection jar) {
                    classesInJar(jar, names);
                } else {
                    throw new IllegalArgumentException("Cannot scan " + root + " for message records");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot scan package " + pkg, e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Cannot scan package " + pkg, e);
        }
        return names;
    }

    private static void classesInFolder(Path folder, String path, Set<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(file -> file.toString().endsWith(".class")).forEach(file -> addClass(
                    path + "/" + folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(),
                            "/"), names));
        }
    }

    private static void classesInJar(JarURLConnection connection, Set<String> names) throws IOException {
        String prefix = connection.getEntryName() + "/";
        // The connection caches the jar for the class loader that reads it too: it must stay open.
        JarFile jar = connection.getJarFile();
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(prefix) && entry.endsWith(".class")) {
                addClass(entry, names);
            }
        }
    }

    /** Top-level classes only: a nested record belongs to its enclosing class, not to the package's contract. */
    private static void addClass(String file, Set<String> names) {
        String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
        if (!name.contains("$") && !name.endsWith("package-info") && !name.endsWith("module-info")) {
            names.add(name);
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("Cannot load " + name + " while scanning for message records", e);
        }
    }

    private static Upcaster read(Field field) {
        try {
            return (Upcaster) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot read the upcaster " + field, e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ContractScan.class.getClassLoader();
    }
}
