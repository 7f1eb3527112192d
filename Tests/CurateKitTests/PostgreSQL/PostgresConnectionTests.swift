import Foundation
import Testing
@testable import CurateKit

@Suite("PostgreSQL connections and transactions")
struct PostgresConnectionTests {
    @Test("values are bound, never pasted: quotes and SQL in them are data", TestDatabase.required)
    func boundValues() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE notes (n bigint, value text)")
        let hostile = "'); DROP TABLE notes; --"
        #expect(try connection.execute("INSERT INTO notes VALUES ($1, $2), ($3, NULL)", ["1", hostile, "2"]) == 2)
        #expect(try connection.query("SELECT n, value FROM notes ORDER BY n") == [["1", hostile], ["2", nil]])
        #expect(try connection.query("SELECT count(*) FROM notes WHERE value = $1", [nil]) == [["0"]])
    }

    @Test("a transaction that loses a serialization conflict is run again, and only the last run is kept", TestDatabase.required)
    func retriesTransientFailures() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE runs (attempt integer)")
        var attempts = 0
        try connection.transaction {
            attempts += 1
            try connection.execute("INSERT INTO runs VALUES ($1)", [String(attempts)])
            if attempts < 3 {
                try connection.executeScript("DO $$ BEGIN RAISE EXCEPTION 'lost' USING ERRCODE = 'serialization_failure'; END $$")
            }
        }
        #expect(attempts == 3)
        #expect(try connection.query("SELECT attempt FROM runs") == [["3"]])
    }

    @Test("any other failure is not retried, and the transaction's writes are rolled back", TestDatabase.required)
    func otherFailuresRollBack() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE runs (attempt integer UNIQUE)")
        var attempts = 0
        let error = #expect(throws: PostgresError.self) {
            try connection.transaction {
                attempts += 1
                try connection.execute("INSERT INTO runs VALUES (1), (1)")
            }
        }
        #expect(error?.sqlState == "23505")
        #expect(attempts == 1)
        #expect(try connection.query("SELECT count(*) FROM runs") == [["0"]])
    }

    @Test("a read transaction reads one snapshot and writes nothing", TestDatabase.required)
    func readTransaction() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        let other = try database.connect()
        try connection.execute("CREATE TABLE notes (n integer)")
        let error = #expect(throws: PostgresError.self) {
            try connection.transaction(.read) {
                let before = try connection.query("SELECT count(*) FROM notes")
                try other.execute("INSERT INTO notes VALUES (1)")
                #expect(try connection.query("SELECT count(*) FROM notes") == before)
                try connection.execute("INSERT INTO notes VALUES (2)")
            }
        }
        #expect(error?.sqlState == "25006")
        #expect(try connection.query("SELECT n FROM notes") == [["1"]])
    }

    @Test("a connection the server closes is reported as lost, with what to do", TestDatabase.required)
    func lostConnection() throws {
        let database = try TestDatabase()
        let connection = try database.connect()
        _ = try database.connect().query("SELECT pg_terminate_backend($1)", [try connection.query("SELECT pg_backend_pid()")[0][0]])
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
        #expect(error?.isBadInput == false)
        #expect(error?.errorDescription?.contains("was lost or the server shut down") == true)
    }

    @Test("libpq's own settings apply: PGSERVICEFILE and a service name reach the database", TestDatabase.required)
    func serviceFile() throws {
        let database = try TestDatabase()
        let settings = try database.connect().query(
            "SELECT current_setting('unix_socket_directories'), current_setting('port'), current_user")[0]
        let folder = try TemporaryDirectory()
        let file = try folder.write("pg_service.conf", """
            [curate_test_service]
            host=\(settings[0] ?? "")
            port=\(settings[1] ?? "")
            user=\(settings[2] ?? "")
            dbname=\(database.name)

            """)
        setenv("PGSERVICEFILE", file, 1)
        let connection = try PostgresConnection(url: PostgresURL("postgresql://?service=curate_test_service"))
        #expect(try connection.query("SELECT current_database()") == [[database.name]])
    }
}
